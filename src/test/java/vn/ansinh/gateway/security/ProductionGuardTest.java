package vn.ansinh.gateway.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import vn.ansinh.gateway.GatewayApplication;

/** prod refuses to start with anything from demo mode, before connecting anywhere. */
class ProductionGuardTest {

  /** Starts the gateway as an operator would, with command-line properties over the prod profile. */
  private static Runnable prod(String... args) {
    return () -> new SpringApplicationBuilder(GatewayApplication.class).profiles("prod").run(args);
  }

  @Test
  void prodWithDemoPartnersDoesNotStart() {
    assertThatThrownBy(() -> prod(
            "--gateway.partners[0].client-id=dolisa-demo", "--gateway.partners[0].secret={noop}demo-secret",
            "--gateway.audit.subject-key=a-real-production-key-of-enough-length-123456",
            "--gateway.security.signing-key-location=/etc/keys/token.pem").run())
        .hasMessageContaining("demo partner 'dolisa-demo'")
        .hasMessageContaining("uses the demo secret");
  }

  @Test
  void prodWithABankWithoutItsKeyOrAnAgencyWithoutItsNotificationEndpointDoesNotStart() {
    assertThatThrownBy(() -> prod(
            "--gateway.partners[0].client-id=bank-970405", "--gateway.partners[0].role=BANK",
            "--gateway.partners[0].bank-bin=970405",
            "--gateway.partners[1].client-id=vss-40", "--gateway.partners[1].role=SOCIAL_INSURANCE",
            "--gateway.partners[2].client-id=dolisa-40", "--gateway.partners[2].role=LABOUR_DEPARTMENT",
            "--gateway.notifications.dolisa-40.url=https://lgsp.example.gov.vn/dolisa-40/notifications").run())
        .hasMessageContaining("bank partner 'bank-970405' needs jws-public-key-location")
        .hasMessageContaining("agency partner 'vss-40' needs gateway.notifications.vss-40.url")
        .message().doesNotContain("'dolisa-40' needs gateway.notifications");
  }

  @Test
  void prodWithTheDemoStaffUserOrAPlainPasswordDoesNotStart() {
    assertThatThrownBy(() -> prod(
            "--gateway.staff.users[0].username=auditor-demo", "--gateway.staff.users[0].password={noop}demo-password",
            "--gateway.staff.users[1].username=an.nguyen", "--gateway.staff.users[1].password={noop}s3cret-Pa55").run())
        .hasMessageContaining("demo staff user 'auditor-demo'")
        .hasMessageContaining("staff user 'an.nguyen' needs a hashed password");
  }

  @Test
  void prodWithTheDemoAuditKeyOrSimulatorsDoesNotStart() {
    assertThatThrownBy(() -> prod(
            "--gateway.audit.subject-key=demo-audit-subject-key-for-demo-mode-only-0001",
            "--gateway.simulators.enabled=true", "--gateway.database.embedded=true").run())
        .hasMessageContaining("subject-key")
        .hasMessageContaining("simulated agencies are demo-only")
        .hasMessageContaining("embedded database is demo-only")
        .hasMessageContaining("GATEWAY_SIGNING_KEY");
  }
}
