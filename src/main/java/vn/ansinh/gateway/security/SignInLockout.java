package vn.ansinh.gateway.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

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
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public SignInLockout(StaffProperties properties, JdbcTemplate jdbc, Clock clock) {
    this.staffNames = properties.users().stream().map(StaffProperties.StaffUser::username).collect(Collectors.toSet());
    this.policy = properties.lockout();
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Whether the user may not sign in now. */
  public boolean locked(String username) {
    return Boolean.TRUE.equals(jdbc.query("select locked_until > ? from staff_lockout where username = ?",
        rs -> rs.next() && rs.getBoolean(1), Timestamp.from(clock.instant()), username));
  }

  @EventListener
  void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
    String name = event.getAuthentication().getName();
    if (!staffNames.contains(name)) {
      return;
    }
    // one statement, so two instances counting at once neither lose a failure nor lock twice
    Instant now = clock.instant();
    jdbc.update("""
        insert into staff_lockout as l (username, failures, locked_until)
        values (?, 1, case when 1 >= cast(? as int) then cast(? as timestamptz) end)
        on conflict (username) do update set
          failures = case when l.locked_until is not null then 1 else l.failures + 1 end,
          locked_until = case when (case when l.locked_until is not null then 1 else l.failures + 1 end)
                              >= cast(? as int) then cast(? as timestamptz) end
        """, name, policy.maxFailures(), Timestamp.from(now.plus(policy.duration())), policy.maxFailures(),
        Timestamp.from(now.plus(policy.duration())));
  }

  @EventListener
  void signedIn(AuthenticationSuccessEvent event) {
    // a sign-in with the password, not a request with a token
    if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken staff) {
      jdbc.update("delete from staff_lockout where username = ?", staff.getName());
    }
  }
}
