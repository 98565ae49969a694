package vn.ansinh.gateway.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import vn.ansinh.gateway.staff.SignInRecords;
import vn.ansinh.gateway.staff.SignInRecords.Key;

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
  private final SignInRecords records;
  private final Duration keep;
  private final Clock clock;

  SignInAuthorizations(SignInRecords records, Duration keep, Clock clock) {
    this.records = records;
    this.keep = keep;
    this.clock = clock;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())) {
      return;
    }
    Instant now = clock.instant();
    records.keepAuthorization(authorization.getId(), authorization.getAttribute(OAuth2ParameterNames.STATE),
        hash(authorization.getToken(OAuth2AuthorizationCode.class)), hash(authorization.getToken(OAuth2AccessToken.class)),
        now, now.plus(keep), bytes(authorization));
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    records.forgetAuthorization(authorization.getId());
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return first(Key.ID, id);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    if (token == null) {
      return null;
    }
    if (tokenType == null) {   // any kind of token
      OAuth2Authorization found = first(Key.STATE, token);
      found = found != null ? found : first(Key.CODE_HASH, sha256(token));
      return found != null ? found : first(Key.TOKEN_HASH, sha256(token));
    }
    if (OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
      return first(Key.STATE, token);
    }
    if (CODE.equals(tokenType)) {
      return first(Key.CODE_HASH, sha256(token));
    }
    return OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) ? first(Key.TOKEN_HASH, sha256(token)) : null;
  }

  private OAuth2Authorization first(Key key, String value) {
    return records.authorization(key, value, clock.instant()).map(SignInAuthorizations::read).orElse(null);
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
