package vn.ansinh.gateway.format;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/**
 * The legacy Vietnamese encodings the gateway reads beside UTF-8 and windows-1258. Looked up here,
 * not through a {@code CharsetProvider}: the JDK looks providers up on the system class path only,
 * which in the packaged jar does not hold the application's classes.
 */
public final class VietnameseCharsets {

  public static final Charset TCVN3 = new Tcvn3();
  public static final Charset VNI = new Vni();
  public static final Charset WINDOWS_1258 = Charset.forName("windows-1258");

  private VietnameseCharsets() {}

  /** TCVN3 or VNI by one of their names, in any case. */
  public static Optional<Charset> find(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Charset c : new Charset[] {TCVN3, VNI}) {
      if (c.name().equals(n) || c.aliases().contains(n)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
