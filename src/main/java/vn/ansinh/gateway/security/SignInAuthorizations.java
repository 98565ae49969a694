package vn.ansinh.gateway.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only what the authorization-code flow needs between the browser's visit to
 * /oauth2/authorize and the page's call to /oauth2/token (the state, the code, whether the code was
 * used), for a few minutes, in the database: behind a load balancer any instance serves any step
 * of a staff sign-in. Client-credentials tokens are self-contained JWTs checked by signature, so
 * they are not kept: a store would grow with every token a partner takes.
 *
 * <p>Rows are looked up by the state and by SHA-256 hashes of the code and the access token; the
 * authorization itself is held serialized for its few minutes. One that no longer reads (another
 * release's classes) is as good as expired.
 */
final class SignInAuthorizations implements OAuth2AuthorizationService {

  private static final Logger log = LoggerFactory.getLogger(SignInAuthorizations.class);
  private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
  private final JdbcTemplate jdbc;
  private final Duration keep;
  private final Clock clock;

  SignInAuthorizations(JdbcTemplate jdbc, Duration keep, Clock clock) {
    this.jdbc = jdbc;
    this.keep = keep;
    this.clock = clock;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())) {
      return;
    }
    Instant now = clock.instant();
    jdbc.update("delete from sign_in_authorization where expires_at < ?", Timestamp.from(now));
    jdbc.update("""
        insert into sign_in_authorization (id, state, code_hash, access_token_hash, expires_at, held)
        values (?, ?, ?, ?, ?, ?)
        on conflict (id) do update set state = excluded.state, code_hash = excluded.code_hash,
          access_token_hash = excluded.access_token_hash, expires_at = excluded.expires_at, held = excluded.held
        """, authorization.getId(), authorization.getAttribute(OAuth2ParameterNames.STATE),
        hash(authorization.getToken(OAuth2AuthorizationCode.class)),
        hash(authorization.getToken(OAuth2AccessToken.class)), Timestamp.from(now.plus(keep)), bytes(authorization));
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    jdbc.update("delete from sign_in_authorization where id = ?", authorization.getId());
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return first("id = ?", id);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    if (token == null) {
      return null;
    }
    String type = tokenType == null ? null : tokenType.getValue();
    if (OAuth2ParameterNames.STATE.equals(type)) {
      return first("state = ?", token);
    }
    if (CODE.equals(tokenType)) {
      return first("code_hash = ?", sha256(token));
    }
    if (OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
      return first("access_token_hash = ?", sha256(token));
    }
    return type != null ? null : first("state = ? or code_hash = ? or access_token_hash = ?", token, sha256(token),
        sha256(token));
  }

  private OAuth2Authorization first(String where, Object... args) {
    Object[] all = new Object[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = Timestamp.from(clock.instant());
    List<byte[]> held = jdbc.query("select held from sign_in_authorization where (" + where + ") and expires_at >= ?"
        + " limit 1", (rs, i) -> rs.getBytes(1), all);
    return held.isEmpty() ? null : read(held.get(0));
  }

  private static String hash(OAuth2Authorization.Token<? extends OAuth2Token> token) {
    return token == null ? null : sha256(token.getToken().getTokenValue());
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(OAuth2Authorization authorization) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(authorization);
    } catch (IOException e) {
      throw new IllegalStateException("a sign-in authorization could not be kept", e);
    }
    return out.toByteArray();
  }

  private static OAuth2Authorization read(byte[] held) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(held))) {
      return (OAuth2Authorization) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      log.info("A kept sign-in authorization no longer reads ({}); the sign-in starts again", e.getClass().getSimpleName());
      return null;
    }
  }
}
