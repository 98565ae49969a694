package vn.ansinh.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks a staff user out after too many wrong passwords in a row, so a password cannot be guessed
 * at the sign-in page's speed. Counts only names of staff users (a flood of made-up names holds no
 * memory); per instance, like the sign-in session.
 */
@Component
public class SignInLockout {

  private final StaffProperties.Lockout policy;
  private final Set<String> staffNames;
  private final Clock clock;
  private final Map<String, Failures> byName = new ConcurrentHashMap<>();

  private record Failures(int count, Instant lockedUntil) {}

  public SignInLockout(StaffProperties properties, Clock clock) {
    this.staffNames = properties.users().stream().map(StaffProperties.StaffUser::username).collect(Collectors.toSet());
    this.policy = properties.lockout();
    this.clock = clock;
  }

  /** Whether the user may not sign in now. */
  public boolean locked(String username) {
    Failures f = byName.get(username);
    return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
  }

  @EventListener
  void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
    String name = event.getAuthentication().getName();
    if (!staffNames.contains(name)) {
      return;
    }
    byName.compute(name, (k, f) -> {
      int count = (f == null || f.lockedUntil() != null ? 0 : f.count()) + 1;
      return count >= policy.maxFailures()
          ? new Failures(count, clock.instant().plus(policy.duration()))
          : new Failures(count, null);
    });
  }

  @EventListener
  void signedIn(AuthenticationSuccessEvent event) {
    // a sign-in with the password, not a request with a token
    if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken staff) {
      byName.remove(staff.getName());
    }
  }
}
