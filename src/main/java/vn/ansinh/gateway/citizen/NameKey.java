package vn.ansinh.gateway.citizen;

/**
 * A name reduced to 64 bits for comparison in the database: two names {@link NameMatcher#matches
 * match} exactly when their keys are equal (but for a 2^-64 chance). Lets a million-row list be
 * checked against the registry's names in one SQL pass without keeping the registry's names.
 */
public final class NameKey {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private NameKey() {}

  public static long of(String name) {
    String canonical = NameMatcher.canonical(name);
    long h = FNV_OFFSET;
    for (int i = 0; i < canonical.length(); i++) {
      char c = canonical.charAt(i);
      h = (h ^ (c & 0xff)) * FNV_PRIME;
      h = (h ^ (c >>> 8)) * FNV_PRIME;
    }
    // splitmix64's finaliser spreads FNV's weak low bits over the whole word
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
