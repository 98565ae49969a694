package vn.ansinh.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.web.ProblemWriter;

/** 401 and 403 as problem+json, with the WWW-Authenticate challenge RFC 6750 asks for. */
@Component
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ProblemWriter writer;

  public SecurityProblems(ProblemWriter writer) {
    this.writer = writer;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean badToken = e instanceof InvalidBearerTokenException
        || e instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException;
    response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
    writer.write(response, ProblemWriter.problem(401, "unauthenticated", "Authentication required",
        badToken ? "The bearer token is malformed, expired or not signed by a trusted issuer"
            : "A bearer token from POST /oauth2/token is required"));
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
    writer.write(response, ProblemWriter.problem(403, "forbidden", "Access denied",
        "The token lacks the scope, or the partner has no access right to this service"));
  }
}
