package vn.ansinh.gateway.format;

/**
 * VNI Windows, the encoding of VNI-Times fonts: a letter is its ASCII base followed by a byte for
 * its marks (ù = sắc after "a" gives "á"); ơ ư đ and the toned i's have bytes of their own. Table
 * from xvnkb's vni.h (lamdao/xvnkb), checked against the vietnamese-conversion package's examples
 * ("Xin chaøo caùc baïn" = "Xin chào các bạn"). Upper-case marks follow upper-case letters; marks
 * decode as combining characters that NFC composes; bytes VNI gives no letter to are malformed.
 */
final class Vni extends SingleByteVietnamese {

  static final String NAME = "x-vni";

  Vni() {
    super(NAME, new String[] {"vni", "vni-windows", "x-vni-windows"}, table());
  }

  private static String[] table() {
    String[] t = new String[128];
    // marks: {upper-case byte, lower-case byte, combining marks}
    Object[][] marks = {
        {0xD9, 0xF9, "\u0301"}, {0xD8, 0xF8, "\u0300"}, {0xDB, 0xFB, "\u0309"}, {0xD5, 0xF5, "\u0303"},
        {0xCF, 0xEF, "\u0323"},
        {0xC2, 0xE2, "\u0302"}, {0xC1, 0xE1, "\u0302\u0301"}, {0xC0, 0xE0, "\u0302\u0300"},
        {0xC5, 0xE5, "\u0302\u0309"}, {0xC3, 0xE3, "\u0302\u0303"}, {0xC4, 0xE4, "\u0302\u0323"},
        {0xCA, 0xEA, "\u0306"}, {0xC9, 0xE9, "\u0306\u0301"}, {0xC8, 0xE8, "\u0306\u0300"},
        {0xDA, 0xFA, "\u0306\u0309"}, {0xDC, 0xFC, "\u0306\u0303"}, {0xCB, 0xEB, "\u0306\u0323"},
        // letters of their own
        {0xD4, 0xF4, "\u01A0\u01A1"}, {0xD6, 0xF6, "\u01AF\u01B0"}, {0xD1, 0xF1, "\u0110\u0111"},
        {0xCD, 0xED, "\u00CD\u00ED"}, {0xCC, 0xEC, "\u00CC\u00EC"}, {0xC6, 0xE6, "\u1EC8\u1EC9"},
        {0xD3, 0xF3, "\u0128\u0129"}, {0xD2, 0xF2, "\u1ECA\u1ECB"}, {0xCE, 0xEE, "\u1EF4\u1EF5"}};
    for (Object[] m : marks) {
      String s = (String) m[2];
      boolean letter = Character.getType(s.charAt(0)) != Character.NON_SPACING_MARK;
      t[(int) m[0] - 0x80] = letter ? s.substring(0, 1) : s;
      t[(int) m[1] - 0x80] = letter ? s.substring(1, 2) : s;
    }
    return t;
  }
}
