package vn.ansinh.gateway.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import vn.ansinh.gateway.security.PemKeys;

/**
 * The simulated banks' (and the simulated population database's) signing keys (EC P-256), made on
 * first start under the data folder. The demo partners register the public halves; nothing of this
 * exists outside demo mode.
 */
final class DemoBankKeys {

  private final Path folder;

  DemoBankKeys(Path dataDir) {
    this.folder = dataDir.resolve("keys");
  }

  ECPrivateKey privateKey(String bin) {
    return named("demo-bank-" + bin);
  }

  /** The key pair {@code <stem>.key.pem} / {@code <stem>.pub.pem}, made when missing. */
  ECPrivateKey named(String stem) {
    Path priv = folder.resolve(stem + ".key.pem");
    try {
      if (!Files.exists(priv)) {
        generate(stem, priv);
      }
      return (ECPrivateKey) KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(PemKeys.der(Files.readString(priv))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the demo key " + stem, e);
    }
  }

  private void generate(String stem, Path priv) throws IOException, GeneralSecurityException {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    var pair = ec.generateKeyPair();
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(stem + ".pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
