package vn.ansinh.gateway.format;

/**
 * TCVN 5712:1993 VN3, the "ABC" encoding of .VnTime fonts. Bytes 0x80-0xFF as in the standard's
 * 8-bit table (glibc's TCVN5712-1 charmap and XFree86's lcUniConv/tcvn.h; the VN3 letters agree with
 * xvnkb's tcvn.h): the 67 lower-case letters with diacritics, Ă Â Ê Ô Ơ Ư Đ, the capitals the table
 * puts above 0x80, and the five tone marks as combining marks at 0xB0-0xB4. VN3 leaves C0 alone, so
 * Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ (VN1 puts them at 0x01-0x17) have no code: .VnTimeH fonts draw capitals
 * from the lower-case codes, and bytes cannot tell the font, so those letters decode in lower case
 * (names compare case-folded; see README).
 */
final class Tcvn3 extends SingleByteVietnamese {

  static final String NAME = "x-tcvn3";

  private static final String TABLE =
      "\u00C0\u1EA2\u00C3\u00C1\u1EA0\u1EB6\u1EAC\u00C8" // 80
          + "\u1EBA\u1EBC\u00C9\u1EB8\u1EC6\u00CC\u1EC8\u0128" // 88
          + "\u00CD\u1ECA\u00D2\u1ECE\u00D5\u00D3\u1ECC\u1ED8" // 90
          + "\u1EDC\u1EDE\u1EE0\u1EDA\u1EE2\u00D9\u1EE6\u0168" // 98
          + "\u00A0\u0102\u00C2\u00CA\u00D4\u01A0\u01AF\u0110" // A0
          + "\u0103\u00E2\u00EA\u00F4\u01A1\u01B0\u0111\u1EB0" // A8
          + "\u0300\u0309\u0303\u0301\u0323\u00E0\u1EA3\u00E3" // B0
          + "\u00E1\u1EA1\u1EB2\u1EB1\u1EB3\u1EB5\u1EAF\u1EB4" // B8
          + "\u1EAE\u1EA6\u1EA8\u1EAA\u1EA4\u1EC0\u1EB7\u1EA7" // C0
          + "\u1EA9\u1EAB\u1EA5\u1EAD\u00E8\u1EC2\u1EBB\u1EBD" // C8
          + "\u00E9\u1EB9\u1EC1\u1EC3\u1EC5\u1EBF\u1EC7\u00EC" // D0
          + "\u1EC9\u1EC4\u1EBE\u1ED2\u0129\u00ED\u1ECB\u00F2" // D8
          + "\u1ED4\u1ECF\u00F5\u00F3\u1ECD\u1ED3\u1ED5\u1ED7" // E0
          + "\u1ED1\u1ED9\u1EDD\u1EDF\u1EE1\u1EDB\u1EE3\u00F9" // E8
          + "\u1ED6\u1EE7\u0169\u00FA\u1EE5\u1EEB\u1EED\u1EEF" // F0
          + "\u1EE9\u1EF1\u1EF3\u1EF7\u1EF9\u00FD\u1EF5\u1ED0"; // F8

  Tcvn3() {
    super(NAME, new String[] {"tcvn3", "x-tcvn-3", "tcvn-3"}, table());
  }

  private static String[] table() {
    String[] t = new String[128];
    for (int i = 0; i < 128; i++) {
      t[i] = String.valueOf(TABLE.charAt(i));
    }
    return t;
  }
}
