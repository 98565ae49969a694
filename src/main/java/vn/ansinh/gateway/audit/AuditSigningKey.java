package vn.ansinh.gateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The gateway's audit key (Ed25519): signs checkpoints of the hash chain. Production reads a
 * PKCS#8 PEM file ({@code gateway.audit.signing-key-location}) and its public key beside it
 * ({@code <file>.pub}, X.509 PEM); without one (demo mode) a pair is made under the data folder. A rotated key gets
 * a new id; the old public keys stay registered for verification.
 */
public final class AuditSigningKey {

  static final String ALGORITHM = "Ed25519";
  /** SubjectPublicKeyInfo of an Ed25519 key up to the key itself: SEQUENCE, AlgorithmIdentifier 1.3.101.112, BIT STRING. */
  private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = idOf(publicKey);
  }

  static String idOf(PublicKey key) {
    return AuditChain.sha256Hex(key.getEncoded()).substring(0, 32);
  }

  /**
   * The key pair in PEM files; with none configured, one made and kept under dataDir (demo mode and
   * tests: the prod profile refuses to start without a configured key).
   */
  static AuditSigningKey load(String location, Path dataDir) {
    try {
      Path file;
      if (location != null && !location.isBlank()) {
        file = Path.of(location);
      } else {
        file = dataDir.resolve("keys").resolve("audit-signing-key.pem");
        if (!Files.exists(file)) {
          KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
          Files.createDirectories(file.getParent());
          write(file, "PRIVATE KEY", pair.getPrivate().getEncoded());
          write(publicFile(file), "PUBLIC KEY", pair.getPublic().getEncoded());
        }
      }
      KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
      return new AuditSigningKey(keys.generatePrivate(new PKCS8EncodedKeySpec(read(file))),
          keys.generatePublic(new X509EncodedKeySpec(read(publicFile(file)))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the audit signing key cannot be read", e);
    }
  }

  private static Path publicFile(Path privateFile) {
    return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
  }

  private static byte[] read(Path pem) throws IOException {
    return Base64.getMimeDecoder().decode(Files.readString(pem, StandardCharsets.US_ASCII)
        .replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
  }

  private static void write(Path file, String type, byte[] der) throws IOException {
    Files.writeString(file, "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n", StandardCharsets.US_ASCII);
    if (type.startsWith("PRIVATE")) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own permissions apply
      }
    }
  }

  String keyId() {
    return keyId;
  }

  String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  static byte[] signed(long seq, String headHash) {
    return ("ansinh-audit-checkpoint|" + seq + "|" + headHash).getBytes(StandardCharsets.US_ASCII);
  }

  String sign(long seq, String headHash) {
    return signBytes(signed(seq, headHash));
  }

  String signBytes(byte[] data) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(data);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the audit key cannot sign", e);
    }
  }

  static boolean verifies(String publicKeyBase64, long seq, String headHash, String signature) {
    return verifiesBytes(publicKeyBase64, signed(seq, headHash), signature);
  }

  /**
   * Verifies with Bouncy Castle's RFC 8032 code, seven times the JDK's speed: a check of a million
   * events meets a thousand checkpoints. The key is the X.509 form the trail stores (a fixed
   * 12-byte Ed25519 prefix, then the 32-byte key).
   */
  static boolean verifiesBytes(String publicKeyBase64, byte[] data, String signature) {
    if (publicKeyBase64 == null || signature == null) {
      return false;
    }
    try {
      byte[] spki = Base64.getDecoder().decode(publicKeyBase64);
      byte[] sig = Base64.getDecoder().decode(signature);
      if (spki.length != ED25519_SPKI_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
          || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)
          || sig.length != Ed25519.SIGNATURE_SIZE) {
        return false;
      }
      return Ed25519.verify(sig, 0, spki, ED25519_SPKI_PREFIX.length, data, 0, data.length);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

}
