package vn.ansinh.gateway.security;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The staff users the sign-in page knows. A staff name can never be a partner's client id: the
 * gateway names the caller of every request by that name, in the audit trail and in ownership.
 */
@Component
public class StaffUsers implements UserDetailsService {

  private final Map<String, StaffProperties.StaffUser> byName;
  private final SignInLockout lockout;

  public StaffUsers(StaffProperties properties, PartnerRegistry partners, SignInLockout lockout) {
    this.lockout = lockout;
    this.byName = properties.users().stream()
        .collect(Collectors.toUnmodifiableMap(StaffProperties.StaffUser::username, Function.identity()));
    byName.keySet().stream().filter(name -> partners.find(name).isPresent()).findAny().ifPresent(name -> {
      throw new IllegalStateException("staff user '" + name + "' has the name of a partner; choose another");
    });
  }

  public Optional<StaffProperties.StaffUser> find(String username) {
    return Optional.ofNullable(byName.get(username));
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    StaffProperties.StaffUser user = byName.get(username);
    if (user == null) {
      throw new UsernameNotFoundException("no such staff user");
    }
    return User.withUsername(user.username()).password(user.password())
        .accountLocked(lockout.locked(username))
        .authorities(user.scopes().stream().map(s -> "SCOPE_" + s).toArray(String[]::new)).build();
  }
}
