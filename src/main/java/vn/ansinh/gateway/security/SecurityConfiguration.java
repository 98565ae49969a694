package vn.ansinh.gateway.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vn.ansinh.gateway.staff.SignInRecords;
import vn.ansinh.gateway.web.ProblemWriter;

/**
 * Three filter chains: the embedded OAuth2 authorization server (client credentials for partner
 * systems, authorization code with PKCE for staff in a browser; RS256 JWTs), the staff sign-in
 * page, and the resource server guarding everything else. Access is denied unless a rule below
 * grants it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final int VERIFIED_TOKENS = 10_000;
  private static final String SIGN_IN = "/login";
  /** How long the state and code of a browser sign-in are kept between authorize and token. */
  private static final Duration SIGN_IN_KEPT = Duration.ofMinutes(10);

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(HttpSecurity http, SecurityProblems problems,
      AuthorizationServerSettings settings) throws Exception {
    OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
    http.securityMatcher(server.getEndpointsMatcher())
        .with(server, Customizer.withDefaults())
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        // a client that did not authenticate gets OAuth2's invalid_client; a browser that is not signed in goes
        // to the staff sign-in page; anything else gets problem+json
        .exceptionHandling(e -> e
            .defaultAuthenticationEntryPointFor(new ClientAuthenticationRequired(),
                new OrRequestMatcher(any(settings.getTokenEndpoint()), any(settings.getTokenIntrospectionEndpoint()),
                    any(settings.getTokenRevocationEndpoint())))
            .defaultAuthenticationEntryPointFor(signInPage(), asksForHtml())
            .defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE));
    return http.build();
  }

  /**
   * A request that names HTML among what it accepts: a browser. {@code Accept: *}{@code /*} alone (an
   * HTTP client's default) is not one, so a token request without client credentials gets a 401, not
   * a redirect to a sign-in page.
   */
  private static MediaTypeRequestMatcher asksForHtml() {
    MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return html;
  }

  /** Staff sign in with a name and a password; the session then lets /oauth2/authorize issue a code. */
  @Bean
  @Order(2)
  SecurityFilterChain staffSignIn(HttpSecurity http, StaffUsers staff, StaffProperties properties,
      SignInLockout lockout, AuthenticationEventPublisher events) throws Exception {
    ProviderManager passwords = new ProviderManager(new StaffPasswordCheck(staff, properties, lockout));
    passwords.setAuthenticationEventPublisher(events);
    SavedRequestAwareAuthenticationSuccessHandler backToWhereItStarted = new SavedRequestAwareAuthenticationSuccessHandler();
    backToWhereItStarted.setRedirectStrategy(relativeRedirects());
    http.securityMatcher(new OrRequestMatcher(any(SIGN_IN), any("/logout")))
        .authenticationManager(passwords)
        .formLogin(f -> f.loginPage(SIGN_IN).successHandler(backToWhereItStarted).permitAll())   // the page: SignInPage
        .logout(Customizer.withDefaults())
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(properties.contentSecurityPolicy())))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }

  /** Where a browser that is not signed in is sent: a path, never an address built from its Host header. */
  private static LoginUrlAuthenticationEntryPoint signInPage() {
    LoginUrlAuthenticationEntryPoint entry = new LoginUrlAuthenticationEntryPoint(SIGN_IN);
    entry.setFavorRelativeUris(true);
    return entry;
  }

  /**
   * Redirects as a path on the address the browser used: the saved request's full URL was built
   * from the Host header, so only its path and query are kept.
   */
  private static RedirectStrategy relativeRedirects() {
    return (request, response, url) -> {
      URI target = URI.create(url);
      String path = target.isAbsolute() || target.getRawAuthority() != null
          ? (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
              + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
          : url;
      response.sendRedirect(response.encodeRedirectURL(path));
    };
  }

  @Bean
  @Order(3)
  SecurityFilterChain resourceServer(HttpSecurity http, JwtDecoder jwtDecoder, AccessRights rights,
      SecurityProblems problems, StaffProperties staff, PartnerRateLimits rateLimits, ProblemWriter problemWriter,
      @Value("${gateway.simulators.enabled}") boolean simulators) throws Exception {
    var citizenVerify = rights.allow("citizen.verify", "citizen-verification");
    var auditRead = rights.allow("audit.read", "audit");
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(jwtDecoder))
            .authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterAfter(new PartnerAttribution(), BearerTokenAuthenticationFilter.class)
        // the staff pages run only their own scripts and are never framed
        .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
            new OrRequestMatcher(get("/audit/**"), get("/reports/**"), get("/payouts/**")),
            new StaticHeadersWriter("Content-Security-Policy", staff.contentSecurityPolicy()))))
        // after the token, before the rules: a partner's rate (429), then a known path's methods (405)
        .addFilterAfter(new PartnerRateLimitFilter(rateLimits, problemWriter), PartnerAttribution.class)
        .addFilterAfter(new MethodNotAllowedFilter(problemWriter), PartnerRateLimitFilter.class)
        .authorizeHttpRequests(a -> a
            // the container's error dispatch renders a problem for what already failed
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            // health probes and published contracts are public
            .requestMatchers(get("/actuator/health"), get("/actuator/health/**"), get("/actuator/info")).permitAll()
            .requestMatchers(get("/contracts/**"), get("/api-docs"), get("/api-docs/**"), get("/webjars/swagger-ui/**"),
                get("/ws/citizen"), get("/"), get("/error"), get("/reports"), get("/reports/*"),
                get("/audit"), get("/audit/*"), get("/shared/*"), get("/payouts"), get("/payouts/*"))
            .permitAll()
            .requestMatchers(get("/actuator/prometheus")).access(rights.allow("ops.manage", "operations"))
            .requestMatchers(post("/api/v1/citizens/verifications"), post("/ws/citizen")).access(citizenVerify)
            .requestMatchers(get("/api/v1/audit/**")).access(auditRead)
            .requestMatchers(post("/api/v1/beneficiaries"), post("/api/v1/beneficiaries/bulk")).access(rights.allow("beneficiary.write", "beneficiary"))
            .requestMatchers(get("/api/v1/beneficiaries/*")).access(rights.allow("beneficiary.read", "beneficiary"))
            // the lifecycle (SPEC §4.10): changes need beneficiary.write; the history is read with either scope
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.PATCH, "/api/v1/beneficiaries/*"),
                post("/api/v1/beneficiaries/*/suspension"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, "/api/v1/beneficiaries/*/suspension"),
                post("/api/v1/beneficiaries/*/termination")).access(rights.allow("beneficiary.write", "beneficiary"))
            .requestMatchers(get("/api/v1/beneficiaries/*/history")).access(AuthorizationManagers.anyOf(
                rights.allow("beneficiary.read", "beneficiary"), rights.allow("beneficiary.write", "beneficiary")))
            // authorised representatives (SPEC §4.16): set and ended with beneficiary.write, read with either scope
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.PUT, "/api/v1/beneficiaries/*/representative"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, "/api/v1/beneficiaries/*/representative"))
            .access(rights.allow("beneficiary.write", "beneficiary"))
            .requestMatchers(get("/api/v1/beneficiaries/*/representative")).access(AuthorizationManagers.anyOf(
                rights.allow("beneficiary.read", "beneficiary"), rights.allow("beneficiary.write", "beneficiary")))
            .requestMatchers(post("/api/v1/account-openings/confirmations"))
            .access(rights.allow("account.confirm", "account-confirmation"))
            .requestMatchers(post("/api/v1/payment-batches")).access(rights.allow("payment.submit", "payment-batch"))
            .requestMatchers(post("/api/v1/payment-batches/*/approval"))
            .access(rights.allow("payment.approve", "payment-approval"))
            .requestMatchers(get("/api/v1/payment-batches/*"), get("/api/v1/payment-batches/*/errors"),
                get("/api/v1/payment-batches/*/payments")).access(rights.allow("payment.read", "payment-batch"))
            .requestMatchers(post("/api/v1/payment-reports")).access(rights.allow("payment.report", "payment-report"))
            // cash payouts at the payment points (SPEC §4.16): the cash partner, or payment-point staff
            .requestMatchers(get("/api/v1/cash-payouts"), post("/api/v1/cash-payouts")).access(rights.allow("cash.record", "cash-payout"))
            .requestMatchers(post("/api/v1/wallet-reports")).access(rights.allow("wallet.report", "wallet-report"))
            .requestMatchers(get("/api/v1/reports/reconciliation"), get("/api/v1/reports/non-cash-coverage"))
            .access(rights.allow("report.read", "report"))
            .requestMatchers(get("/api/v1/reports/account-opening-progress")).access(rights.allow("report.read", "report"))
            .requestMatchers(post("/api/v1/relief-programs"), get("/api/v1/relief-programs/*"), get("/api/v1/reports/relief"))
                .access(rights.allow("relief.manage", "relief"))
            .requestMatchers(get("/api/v1/dead-letters"), post("/api/v1/dead-letters/*/replay"))
            .access(rights.allow("ops.manage", "dead-letter"))
            .requestMatchers(post("/api/v1/death-records/corrections")).access(rights.allow("ops.manage", "operations"))
            // the official administrative units: any partner reads them; operators load a newer list
            .requestMatchers(get("/api/v1/reference/administrative-units")).authenticated()
            .requestMatchers(post("/api/v1/reference/administrative-units")).access(rights.allow("ops.manage", "operations"))
            .requestMatchers(post("/api/v1/population-events")).access(rights.allow("population.notify", "population-event"))
            .requestMatchers(get("/api/v1/register/sync-status")).access(rights.allow("ops.manage", "operations"))
            // simulated agencies exist in demo mode only
            .requestMatchers(any("/ws/sim/**"), any("/sim/**")).access((auth, ctx) ->
                new AuthorizationDecision(simulators))
            .anyRequest().denyAll());
    return http.build();
  }

  /**
   * The default firewall checks every header value against a Unicode regex on each access, which
   * costs a quarter of a verification's CPU with a 700-character bearer token; this plain scan
   * refuses the same control characters, in parameters too.
   */
  @Bean
  WebSecurityCustomizer headerFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(SecurityConfiguration::printable);
    firewall.setAllowedHeaderValues(SecurityConfiguration::printable);
    // a NUL in a query parameter would reach PostgreSQL, which refuses it with an error
    firewall.setAllowedParameterNames(SecurityConfiguration::printable);
    firewall.setAllowedParameterValues(SecurityConfiguration::printable);
    return web -> web.httpFirewall(firewall);
  }

  static boolean printable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /** Spring Security's per-filter observations are not used; the gateway times requests itself. */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  private static RequestMatcher get(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(GET, pattern);
  }

  private static RequestMatcher post(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(POST, pattern);
  }

  private static RequestMatcher any(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher((HttpMethod) null, pattern);
  }

  @Bean
  RSAKey tokenSigningKey(SecurityProperties properties, @Value("${gateway.data-dir}") Path dataDir,
      @Value("${gateway.database.embedded}") boolean demo) throws Exception {
    String location = properties.signingKeyLocation();
    if (location != null && !location.isBlank()) {
      return TokenSigningKey.fromPem(Path.of(location));
    }
    // demo keeps its key across restarts; prod without a key trusts an external issuer (ProductionGuard)
    return demo ? TokenSigningKey.demoKey(dataDir) : TokenSigningKey.ephemeral();
  }

  @Bean
  JWKSource<SecurityContext> jwkSource(RSAKey tokenSigningKey) {
    return new ImmutableJWKSet<>(new JWKSet(tokenSigningKey));
  }

  /** Tokens of the embedded server are checked locally; prod may trust an external issuer instead. */
  @Bean
  JwtDecoder jwtDecoder(RSAKey tokenSigningKey, SecurityProperties properties, Clock clock,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) throws Exception {
    NimbusJwtDecoder decoder = externalIssuer.isBlank()
        ? NimbusJwtDecoder.withPublicKey(tokenSigningKey.toRSAPublicKey()).signatureAlgorithm(SignatureAlgorithm.RS256).build()
        : NimbusJwtDecoder.withIssuerLocation(externalIssuer).build();
    decoder.setJwtValidator(tokenRules(externalIssuer.isBlank() ? properties.issuer() : externalIssuer, properties, clock));
    return new VerifiedTokenCache(decoder, clock, VERIFIED_TOKENS);
  }

  /**
   * Issuer, signature time claims (the defaults), then this gateway's own rules: the token names
   * this gateway as its audience, and has an expiry within the gateway's token lifetime.
   * (Replacing the validator drops Spring's own audience check, so the defaults are composed here.)
   */
  static OAuth2TokenValidator<Jwt> tokenRules(String issuer, SecurityProperties properties, Clock clock) {
    return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience())),
        new TokenLifetime(properties.tokenTtl(), properties.clockSkew(), clock));
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(SecurityProperties properties) {
    return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
  }

  @Bean
  OAuth2AuthorizationService authorizationService(SignInRecords records, Clock clock) {
    return new SignInAuthorizations(records, SIGN_IN_KEPT, clock);
  }

  /**
   * Every token names its client. A partner that asks for no scope gets all its registered scopes
   * (SPEC §2: scope is optional); a staff user's token carries only the scopes that person holds.
   */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(StaffUsers staff, SecurityProperties properties) {
    return context -> {
      context.getClaims().claim(Callers.CLIENT_ID, context.getRegisteredClient().getClientId());
      // the gateway is the resource server the token is for; its resource server checks exactly this
      context.getClaims().audience(List.of(properties.audience()));
      if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
        Set<String> held = staff.find(context.getPrincipal().getName())
            .map(StaffProperties.StaffUser::scopes).orElse(Set.of());
        context.getClaims().claim(OAuth2ParameterNames.SCOPE,
            context.getAuthorizedScopes().stream().filter(held::contains).sorted().toList());
      } else if (context.getAuthorizedScopes().isEmpty()) {
        context.getClaims().claim(OAuth2ParameterNames.SCOPE, List.copyOf(context.getRegisteredClient().getScopes()));
      }
    };
  }

  @Bean
  RegisteredClientRepository registeredClients(PartnerRegistry partners, SecurityProperties properties,
      StaffProperties staff) {
    return new PartnerClients(partners, properties, staff.console());
  }

}
