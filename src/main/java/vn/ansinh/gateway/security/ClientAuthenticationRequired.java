package vn.ansinh.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What the token, introspection and revocation endpoints answer a caller that did not authenticate
 * as a client at all: RFC 6749 section 5.2's {@code invalid_client} with a Basic challenge, written
 * by the converter the authorization server writes a wrong secret's answer with, so that an OAuth2
 * client library reads both alike.
 */
final class ClientAuthenticationRequired implements AuthenticationEntryPoint {

  private static final OAuth2Error REQUIRED = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
      "client authentication is required: the client id and secret, with HTTP Basic or in the form", null);
  private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    ServletServerHttpResponse out = new ServletServerHttpResponse(response);
    out.setStatusCode(HttpStatus.UNAUTHORIZED);
    out.getHeaders().set("WWW-Authenticate", "Basic realm=\"ansinh-gateway\"");
    out.getHeaders().setCacheControl("no-store");
    errors.write(REQUIRED, null, out);
  }
}
