package vn.ansinh.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.error.InvalidSignatureException;

/**
 * Checks a detached JWS (RFC 7515 appendix F) over the exact body bytes with the partner's
 * registered key. Only ES256 and RS256 are accepted, so "none" or an HMAC trick cannot pass.
 */
@Component
public class PushSignatures {

  private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
  private final PartnerRegistry partners;
  private final ResourceLoader resources;
  private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

  public PushSignatures(PartnerRegistry partners, ResourceLoader resources) {
    this.partners = partners;
    this.resources = resources;
  }

  public void verify(String clientId, String detachedJws, byte[] body) {
    if (detachedJws == null || detachedJws.isBlank()) {
      throw new InvalidSignatureException("X-JWS-Signature is required: a detached JWS over the exact body");
    }
    PublicKey key = keyOf(clientId);
    try {
      String[] parts = detachedJws.trim().split("\\.", -1);
      if (parts.length != 3 || !parts[1].isEmpty()) {
        throw new InvalidSignatureException("X-JWS-Signature must be a JWS with a detached payload (header..signature)");
      }
      JWSObject jws = new JWSObject(new Base64URL(parts[0]), new Payload(body),
          new Base64URL(parts[2]));
      JWSAlgorithm alg = jws.getHeader().getAlgorithm();
      if (!ACCEPTED.contains(alg)) {
        throw new InvalidSignatureException("only ES256 and RS256 signatures are accepted");
      }
      JWSVerifier verifier = key instanceof ECPublicKey ec ? new ECDSAVerifier(ec)
          : new RSASSAVerifier((RSAPublicKey) key);
      if (!verifier.supportedJWSAlgorithms().contains(alg) || !jws.verify(verifier)) {
        throw new InvalidSignatureException("the signature does not match the body and the partner's key");
      }
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      throw new InvalidSignatureException("X-JWS-Signature is not a valid JWS");
    }
  }

  private PublicKey keyOf(String clientId) {
    return keys.computeIfAbsent(clientId, id -> {
      Partner p = partners.find(id).orElseThrow(() -> new InvalidSignatureException("unknown partner"));
      if (p.jwsPublicKeyLocation() == null || p.jwsPublicKeyLocation().isBlank()) {
        throw new InvalidSignatureException("no signing key is registered for this partner");
      }
      return readPem(p.jwsPublicKeyLocation());
    });
  }

  private PublicKey readPem(String location) {
    try (InputStream in = resources.getResource(location).getInputStream()) {
      byte[] der = PemKeys.der(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
      try {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException notEc) {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the partner key at " + location, e);
    }
  }
}
