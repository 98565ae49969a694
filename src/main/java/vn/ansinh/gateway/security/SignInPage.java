package vn.ansinh.gateway.security;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The staff sign-in and sign-out pages of the embedded authorization server, in the staff pages'
 * look and in both languages. Spring Security handles the POSTs; these only draw the forms, each
 * with its CSRF token.
 */
@Controller
class SignInPage {

  private static final String HTML = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8";

  @GetMapping(path = "/login", produces = HTML)
  @ResponseBody
  String signIn(CsrfToken csrf, @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout) {
    String notice = "";
    if (error != null) {
      // one message for a wrong name, a wrong password and a lockout: nothing to learn from it
      notice = "<p class=\"error\" role=\"alert\">Không đăng nhập được / Sign-in refused: wrong name or password,"
          + " or too many attempts (wait a few minutes).</p>";
    } else if (logout != null) {
      notice = "<p role=\"status\">Đã đăng xuất / You are signed out.</p>";
    }
    return page("Đăng nhập / Sign in", notice
        + "<form method=\"post\" action=\"/login\">"
        + "<p><label>Tên đăng nhập / Name <input id=\"username\" name=\"username\" autocomplete=\"username\""
        + " required autofocus></label></p>"
        + "<p><label>Mật khẩu / Password <input id=\"password\" name=\"password\" type=\"password\""
        + " autocomplete=\"current-password\" required></label></p>"
        + hidden(csrf) + "<button type=\"submit\">Đăng nhập / Sign in</button></form>"
        + "<p class=\"hint\">For staff of the province (information security, operations). Partner systems use"
        + " client credentials, not this page.</p>");
  }

  @GetMapping(path = "/logout", produces = HTML)
  @ResponseBody
  String signOut(CsrfToken csrf) {
    return page("Đăng xuất / Sign out", "<form method=\"post\" action=\"/logout\">" + hidden(csrf)
        + "<button type=\"submit\">Đăng xuất / Sign out</button></form>");
  }

  private static String hidden(CsrfToken csrf) {
    return "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName()) + "\" value=\""
        + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>An Sinh Gateway — " + title + "</title><link rel=\"stylesheet\" href=\"/shared/page.css\"></head>"
        + "<body><header><h1>An Sinh Gateway <small>" + title + "</small></h1></header><section>" + body
        + "</section></body></html>";
  }
}
