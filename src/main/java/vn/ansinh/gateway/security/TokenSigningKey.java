package vn.ansinh.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;

/** The RSA key the embedded authorization server signs tokens with (RS256). */
final class TokenSigningKey {

  private TokenSigningKey() {}

  /** Reads a PEM PKCS#8 private key (production). */
  static RSAKey fromPem(Path pem) throws IOException, GeneralSecurityException, JOSEException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(
        new PKCS8EncodedKeySpec(PemKeys.der(Files.readString(pem, StandardCharsets.US_ASCII))));
    RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
    return withThumbprintId(new RSAKey.Builder(pub).privateKey(priv).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build());
  }

  /** Demo mode: a key generated once and kept under the data folder, so tokens survive a restart. */
  static RSAKey demoKey(Path dataDir) throws IOException, JOSEException, ParseException {
    Path file = dataDir.resolve("keys").resolve("token-signing-key.jwk.json");
    if (Files.exists(file)) {
      return RSAKey.parse(Files.readString(file));
    }
    RSAKey key = withThumbprintId(new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate());
    Files.createDirectories(file.getParent());
    Files.writeString(file, key.toJSONString());
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system; the folder's own permissions apply
    }
    return key;
  }

  /** A key that lives as long as the process, for when tokens come from an external issuer. */
  static RSAKey ephemeral() throws JOSEException {
    return withThumbprintId(new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate());
  }

  private static RSAKey withThumbprintId(RSAKey key) throws JOSEException {
    return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
  }
}
