package vn.ansinh.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What the token, introspection and revocation endpoints answer a caller that did not authenticate
 * as a client at all: RFC 6749 section 5.2's {@code invalid_client} with a Basic challenge, the
 * same body a wrong secret gets, so that an OAuth2 client library reads it as what it is.
 */
final class ClientAuthenticationRequired implements AuthenticationEntryPoint {

  private static final byte[] BODY = ("{\"error\":\"invalid_client\",\"error_description\":"
      + "\"client authentication is required: the client id and secret, with HTTP Basic or in the form\"}")
      .getBytes(StandardCharsets.UTF_8);

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"ansinh-gateway\"");
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setContentLength(BODY.length);
    response.getOutputStream().write(BODY);
  }
}
