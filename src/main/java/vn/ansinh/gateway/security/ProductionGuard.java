package vn.ansinh.gateway.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code prod} profile with anything from demo mode: demo partners, staff
 * users or secrets, the demo audit key, the embedded database or simulated agencies; and with a
 * bank whose signature key or a paying agency whose notification endpoint is missing. Runs before any bean
 * exists, so nothing connects anywhere first.
 */
public class ProductionGuard implements EnvironmentPostProcessor {

  static final String DEMO_SECRET = "demo-secret";
  static final String DEMO_SUBJECT_KEY_MARK = "demo";
  /** Partners that pay benefits and so are notified of accounts, changes and results. */
  static final Set<String> PAYERS = Set.of("LABOUR_DEPARTMENT", "SOCIAL_INSURANCE");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!Arrays.asList(env.getActiveProfiles()).contains("prod")) {
      return;
    }
    Binder binder = Binder.get(env);
    List<String> problems = new ArrayList<>();
    List<Partner> partners = binder.bind("gateway.partners", Bindable.listOf(Partner.class)).orElse(List.of());
    for (Partner p : partners) {
      if (p.clientId().endsWith("-demo")) {
        problems.add("demo partner '" + p.clientId() + "' is configured");
      }
      if ("BANK".equals(p.role()) && (p.jwsPublicKeyLocation() == null || p.jwsPublicKeyLocation().isBlank())) {
        problems.add("bank partner '" + p.clientId() + "' needs jws-public-key-location: its pushes cannot be checked");
      }
      if ("WALLET_PROVIDER".equals(p.role()) && (p.jwsPublicKeyLocation() == null || p.jwsPublicKeyLocation().isBlank())) {
        problems.add("wallet provider partner '" + p.clientId() + "' needs jws-public-key-location: its reports cannot"
            + " be checked");
      }
      if (p.role() != null && PAYERS.contains(p.role()) && env.getProperty("gateway.notifications." + p.clientId() + ".url", "").isBlank()) {
        problems.add("agency partner '" + p.clientId() + "' needs gateway.notifications." + p.clientId()
            + ".url: its notifications would all be dead-lettered");
      }
      if (p.secret() != null && p.secret().contains(DEMO_SECRET)) {
        problems.add("partner '" + p.clientId() + "' uses the demo secret");
      } else if (p.secret() == null || p.secret().startsWith("{noop}") || p.secret().contains("REPLACE_ME")) {
        problems.add("partner '" + p.clientId() + "' needs a hashed secret ({bcrypt}…)");
      }
    }
    List<StaffProperties.StaffUser> staff = binder.bind("gateway.staff.users",
        Bindable.listOf(StaffProperties.StaffUser.class)).orElse(List.of());
    for (StaffProperties.StaffUser u : staff) {
      if (u.username().endsWith("-demo")) {
        problems.add("demo staff user '" + u.username() + "' is configured");
      }
      if (u.password() == null || u.password().startsWith("{noop}") || u.password().contains("demo")
          || u.password().contains("REPLACE_ME")) {
        problems.add("staff user '" + u.username() + "' needs a hashed password ({bcrypt}…)");
      }
    }
    String subjectKey = env.getProperty("gateway.audit.subject-key", "");
    if (subjectKey.isBlank() || subjectKey.contains(DEMO_SUBJECT_KEY_MARK)) {
      problems.add("gateway.audit.subject-key (GATEWAY_AUDIT_SUBJECT_KEY) must be a production secret");
    }
    if (env.getProperty("gateway.audit.signing-key-location", "").isBlank()) {
      problems.add("gateway.audit.signing-key-location (GATEWAY_AUDIT_SIGNING_KEY) must name the audit key");
    }
    if (env.getProperty("gateway.database.embedded", Boolean.class, false)) {
      problems.add("the embedded database is demo-only; set DB_URL, DB_USER and DB_PASSWORD");
    }
    if (env.getProperty("gateway.simulators.enabled", Boolean.class, false)) {
      problems.add("simulated agencies are demo-only");
    }
    if (env.getProperty("gateway.security.signing-key-location", "").isBlank()
        && env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "").isBlank()) {
      problems.add("set GATEWAY_SIGNING_KEY (token signing key) or an external issuer-uri");
    }
    for (String key : List.of("treasury-url", "debtor-name", "debtor-account", "debtor-agent-bin")) {
      if (env.getProperty("gateway.payments." + key, "").isBlank()) {
        problems.add("gateway.payments." + key + " must be set: bank files and payment orders need it");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Refusing to start the prod profile: " + String.join("; ", problems));
    }
  }
}
