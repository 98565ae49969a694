package vn.ansinh.gateway.security;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.staff.SignInRecords;

/**
 * Locks a staff user out after too many wrong passwords in a row, so a password cannot be guessed
 * at the sign-in page's speed. Counts only names of staff users (a flood of made-up names holds no
 * rows), in the database: every instance behind the load balancer counts the same failures, so
 * spreading guesses over replicas buys nothing.
 */
@Component
public class SignInLockout {

  private final StaffProperties.Lockout policy;
  private final Set<String> staffNames;
  private final SignInRecords records;
  private final Clock clock;

  public SignInLockout(StaffProperties properties, SignInRecords records, Clock clock) {
    this.staffNames = properties.users().stream().map(StaffProperties.StaffUser::username).collect(Collectors.toSet());
    this.policy = properties.lockout();
    this.records = records;
    this.clock = clock;
  }

  /** Whether the user may not sign in now. */
  public boolean locked(String username) {
    return records.locked(username, clock.instant());
  }

  @EventListener
  void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
    String name = event.getAuthentication().getName();
    if (staffNames.contains(name)) {
      records.wrongPassword(name, policy.maxFailures(), clock.instant().plus(policy.duration()));
    }
  }

  @EventListener
  void signedIn(AuthenticationSuccessEvent event) {
    // a sign-in with the password, not a request with a token
    if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken staff) {
      records.signedIn(staff.getName());
    }
  }
}
