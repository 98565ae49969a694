package vn.ansinh.gateway.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a staff sign-in so that every refusal costs the same: an unknown name, a wrong password
 * and a locked-out user each run exactly one password check of the same kind. For a name that is
 * not a staff user the check runs against another user's stored hash (same scheme, same cost) and
 * its result is thrown away; a locked-out user's password is checked and then refused anyway.
 * So the time an answer takes tells nothing about which names exist or are locked.
 */
final class StaffPasswordCheck implements AuthenticationProvider {

  private final StaffUsers staff;
  private final SignInLockout lockout;
  private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
  private final String standIn;

  StaffPasswordCheck(StaffUsers staff, StaffProperties properties, SignInLockout lockout) {
    this.staff = staff;
    this.lockout = lockout;
    this.standIn = properties.users().stream().map(StaffProperties.StaffUser::password).findFirst()
        .orElseGet(() -> passwords.encode(UUID.randomUUID().toString()));
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String name = attempt.getName();
    String given = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
    Optional<StaffProperties.StaffUser> user = staff.find(name);
    boolean matches = passwords.matches(given, user.map(StaffProperties.StaffUser::password).orElse(standIn));
    if (user.isPresent() && lockout.locked(name)) {
      // not counted as another wrong password: the lock runs its course
      throw new LockedException("Sign-in refused");
    }
    if (user.isEmpty() || !matches) {
      throw new BadCredentialsException("Sign-in refused");
    }
    UserDetails details = staff.loadUserByUsername(name);
    return UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
