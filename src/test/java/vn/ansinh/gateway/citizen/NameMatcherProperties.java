package vn.ansinh.gateway.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NameMatcherProperties {

  private static final List<String> SYLLABLES =
      nfc(
          List.of(
              "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
              "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh",
              "Thu", "Hòa", "Hoà", "Thủy", "Thuỷ", "Thúy", "Thuý", "Khỏe", "Khoẻ", "Hương", "Quý",
              "Quí", "Kỳ", "Kì", "Mỹ", "Mĩ", "Huy", "Tuấn", "Quốc", "Việt", "Nghĩa", "Phượng",
              "Yến", "Ánh", "Ất", "Ưng", "Oanh", "Khuê", "Tường", "Đạt", "Hải", "Dũng", "Trường",
              "Giang", "Xuân", "Thắng", "Lộc", "Hiếu", "Toàn", "Ý", "Ơn", "An", "Lan", "Ngân",
              "Thụy", "Uyên", "Ngoạn", "Hoạ", "Loan", "Đoàn", "Khoa", "Nguyệt", "Quỳnh", "Diệu"));

  // tone placed on the second vowel (old style) or the first (new style) of an open oa/oe/uy rhyme
  private static final List<String> GLIDE_ONSETS =
      List.of("", "h", "kh", "l", "t", "th", "x", "ch", "tr", "ng", "nh", "đ", "s");
  private static final List<String> GLIDE_RHYMES = List.of("oa", "oe", "uy");
  private static final List<String> TONE_MARKS =
      List.of("\u0300", "\u0301", "\u0303", "\u0309", "\u0323");
  private static final List<String> WHITE_SPACE_RUNS =
      List.of(" ", "  ", "\t", "\n", " \t ", "\u00A0", "\u2003", "\u3000");

  @Provide
  Arbitrary<List<String>> syllableLists() {
    return Arbitraries.of(SYLLABLES).list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<String> names() {
    return syllableLists().map(syllables -> String.join(" ", syllables));
  }

  @Provide
  Arbitrary<List<String[]>> placementVariants() {
    Arbitrary<String[]> glide =
        Combinators.combine(
                Arbitraries.of(GLIDE_ONSETS),
                Arbitraries.of(GLIDE_RHYMES),
                Arbitraries.of(TONE_MARKS))
            .as(
                (onset, rhyme, tone) ->
                    new String[] {
                      capitalised(onset + rhyme.charAt(0) + rhyme.charAt(1) + tone),
                      capitalised(onset + rhyme.charAt(0) + tone + rhyme.charAt(1))
                    });
    Arbitrary<String[]> plain = Arbitraries.of(SYLLABLES).map(s -> new String[] {s, s});
    return Arbitraries.oneOf(glide, plain).list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<String>> whiteSpaceRuns() {
    return Arbitraries.of(WHITE_SPACE_RUNS).list().ofSize(6);
  }

  @Property
  void nfcAndNfdFormsOfTheSameNameMatch(@ForAll("names") String name) {
    String nfd = Normalizer.normalize(name, Normalizer.Form.NFD);

    assertThat(NameMatcher.matches(name, nfd)).isTrue();
    assertThat(NameMatcher.canonical(nfd)).isEqualTo(NameMatcher.canonical(name));
  }

  @Property
  void oldAndNewTonePlacementsMatch(@ForAll("placementVariants") List<String[]> syllables) {
    String oldStyle = syllables.stream().map(s -> s[0]).collect(Collectors.joining(" "));
    String newStyle = syllables.stream().map(s -> s[1]).collect(Collectors.joining(" "));

    assertThat(NameMatcher.matches(oldStyle, newStyle)).as("%s ~ %s", oldStyle, newStyle).isTrue();
  }

  @Property
  void caseAndWhiteSpaceVariantsMatch(
      @ForAll("syllableLists") List<String> syllables,
      @ForAll("whiteSpaceRuns") List<String> separators,
      @ForAll List<Boolean> upperCase) {
    String name = String.join(" ", syllables);
    StringBuilder variant = new StringBuilder(separators.get(0));
    int letter = 0;
    for (int i = 0; i < syllables.size(); i++) {
      if (i > 0) {
        variant.append(separators.get(i));
      }
      for (char c : syllables.get(i).toCharArray()) {
        boolean upper = letter < upperCase.size() && upperCase.get(letter);
        variant.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        letter++;
      }
    }
    variant.append(separators.get(separators.size() - 1));

    assertThat(NameMatcher.matches(name, variant.toString())).isTrue();
    assertThat(NameMatcher.matches(name, name.toUpperCase(Locale.ROOT))).isTrue();
    assertThat(NameMatcher.matches(name, name.toLowerCase(Locale.ROOT))).isTrue();
  }

  @Property
  void removingAnySingleDiacriticBreaksTheMatch(@ForAll("names") String name) {
    for (String stripped : singleDiacriticRemovals(name)) {
      assertThat(NameMatcher.matches(name, stripped)).as("%s ~ %s", name, stripped).isFalse();
    }
  }

  @Property
  void canonicalFormIsItsOwnCanonicalForm(@ForAll("names") String name) {
    String canonical = NameMatcher.canonical(name);

    assertThat(NameMatcher.canonical(canonical)).isEqualTo(canonical);
  }

  @Example
  void hoaWithEitherTonePlacementMatches() {
    assertThat(NameMatcher.matches("Hoà", "Hòa")).isTrue();
    assertThat(NameMatcher.matches("Trần Thị Hoà", "  TRẦN   thị\u00A0HÒA ")).isTrue();
  }

  @Example
  void oldAndNewPlacementsInSpecExamplesMatch() {
    assertThat(NameMatcher.matches("Thuý", "Thúy")).isTrue();
    assertThat(NameMatcher.matches("Khoẻ", "Khỏe")).isTrue();
    assertThat(NameMatcher.matches("Thuỷ", "Thủy")).isTrue();
  }

  @Example
  void iAndYAfterAConsonantMatch() {
    assertThat(NameMatcher.matches("Lý", "Lí")).isTrue();
    assertThat(NameMatcher.matches("Mỹ", "Mĩ")).isTrue();
    assertThat(NameMatcher.matches("Quý", "Quí")).isTrue();
    assertThat(NameMatcher.matches("Kỳ", "Kì")).isTrue();
  }

  @Example
  void yAfterUStaysDistinctFromI() {
    assertThat(NameMatcher.matches("Huy", "Hui")).isFalse();
    assertThat(NameMatcher.matches("Thuỷ", "Thuỉ")).isFalse();
  }

  @Example
  void hoaWithAToneIsNotHoaWithout() {
    assertThat(NameMatcher.matches("Hòa", "Hoa")).isFalse();
  }

  @Example
  void strippedDiacriticsDoNotMatch() {
    assertThat(NameMatcher.matches("Hương", "Huong")).isFalse();
    assertThat(NameMatcher.matches("Đức", "Dức")).isFalse();
    assertThat(NameMatcher.matches("Nguyễn", "Nguyên")).isFalse();
    assertThat(NameMatcher.matches("Nguyễn Văn An", "Nguyen Van An")).isFalse();
  }

  @Example
  void differentTonesDoNotMatch() {
    assertThat(NameMatcher.matches("Hoà", "Hoá")).isFalse();
    assertThat(NameMatcher.matches("Lý", "Ly")).isFalse();
  }

  @Example
  void missingNamesNeverMatch() {
    assertThat(NameMatcher.matches(null, "An")).isFalse();
    assertThat(NameMatcher.matches("An", null)).isFalse();
  }

  private static final List<String> APOSTROPHES = List.of("'", "\u2019", "\u2018", "\u02BC", "`");
  private static final List<String> ZERO_WIDTH = List.of("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF");

  @Provide
  Arbitrary<String> minorityNames() {
    // Ê Đê and Jrai personal names: a prefix joined by an apostrophe to the next syllable
    return Combinators.combine(Arbitraries.of("H", "Y", "K", "M", "Ma", "R"), Arbitraries.of(SYLLABLES),
        syllableLists()).as((prefix, joined, rest) -> prefix + "'" + joined + " " + String.join(" ", rest));
  }

  @Property
  void everyApostropheVariantAndASpaceAroundItMatch(@ForAll("minorityNames") String name,
      @ForAll("apostropheVariants") String apostrophe, @ForAll boolean spaceAfter, @ForAll boolean spaceBefore) {
    String variant = name.replace("'", (spaceBefore ? " " : "") + apostrophe + (spaceAfter ? " " : ""));

    assertThat(NameMatcher.matches(name, variant)).as(variant).isTrue();
    assertThat(NameMatcher.canonical(variant)).isEqualTo(NameMatcher.canonical(name));
  }

  @Provide
  Arbitrary<String> apostropheVariants() {
    return Arbitraries.of(APOSTROPHES);
  }

  @Property
  void zeroWidthCharactersAnywhereAreIgnored(@ForAll("names") String name, @ForAll("zeroWidth") String zw,
      @ForAll("positions") int at) {
    int i = at % (name.length() + 1);
    String variant = name.substring(0, i) + zw + name.substring(i);

    assertThat(NameMatcher.matches(name, variant)).as("%s at %d", zw.codePointAt(0), i).isTrue();
  }

  @Provide
  Arbitrary<String> zeroWidth() {
    return Arbitraries.of(ZERO_WIDTH);
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 200);
  }

  @Property
  void ethIsDWithStrokeInEitherCase(@ForAll("names") String name) {
    String eth = name.replace('\u0110', '\u00D0').replace('\u0111', '\u00F0');

    assertThat(NameMatcher.matches(name, eth)).isTrue();
  }

  @Property
  void foldsNeverStripDiacritics(@ForAll("names") String name, @ForAll("zeroWidth") String zw) {
    for (String removed : singleDiacriticRemovals(name)) {
      assertThat(NameMatcher.matches(name + zw, removed)).as(removed).isFalse();
    }
  }

  @Example
  void minorityNamesMatchWithAnyApostropheButNotWithoutOne() {
    assertThat(NameMatcher.matches("H'Hen Niê", "H\u2019Hen Niê")).isTrue();
    assertThat(NameMatcher.matches("H'Hen Niê", "H\u02BC Hen Niê")).isTrue();
    assertThat(NameMatcher.matches("Y'Moan Êban", "Y\u0060Moan Êban")).isTrue();
    assertThat(NameMatcher.matches("H'Hen Niê", "HHen Niê")).isFalse();
    assertThat(NameMatcher.matches("H'Hen Niê", "H Hen Niê")).isFalse();
    assertThat(NameMatcher.matches("Ðặng Văn Ðức", "Đặng Văn Đức")).isTrue();
    assertThat(NameMatcher.matches("Ðặng", "Dặng")).isFalse();
  }

  private static List<String> singleDiacriticRemovals(String name) {
    String nfd = Normalizer.normalize(name, Normalizer.Form.NFD);
    List<String> removals = new ArrayList<>();
    for (int i = 0; i < nfd.length(); i++) {
      char c = nfd.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        removals.add(nfd.substring(0, i) + nfd.substring(i + 1));
      } else if (c == 'đ' || c == 'Đ') {
        removals.add(nfd.substring(0, i) + (c == 'đ' ? 'd' : 'D') + nfd.substring(i + 1));
      }
    }
    return removals;
  }

  private static String capitalised(String syllable) {
    String nfc = Normalizer.normalize(syllable, Normalizer.Form.NFC);
    return nfc.substring(0, 1).toUpperCase(Locale.ROOT) + nfc.substring(1);
  }

  private static List<String> nfc(List<String> syllables) {
    return syllables.stream().map(s -> Normalizer.normalize(s, Normalizer.Form.NFC)).toList();
  }
}
