import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;

/**
 * B2: a province-scale monthly payment list as CSV (UTF-8), for bench/batch.sh and RawPain001Loop.
 *
 * <pre>java bench/BatchGenerator.java &lt;rows&gt; &lt;out.csv&gt; [seed [first-row [name]]]</pre>
 *
 * Every row is a function of (seed, row number) only, so the list is the same on every run and the
 * rows stream to the file as they are made. About 0.5% of the rows are invalid (amount "abc" or "-1",
 * a personal id encoding a birth year in the future, a BIN no bank has), 0.2% repeat the payment id
 * of an earlier valid row with a new person, 3% carry no bank account (both cells empty: paid in
 * cash, as a fresh gateway has no account mapping), the rest go to four banks. Every row is a
 * different person: the personal id is a bijection of the row number. No cell is quoted and no
 * cell holds a comma, so a reader may split on commas.
 *
 * <p>Rows are numbered from {@code first-row} (1): lists made from disjoint ranges of row numbers
 * share no person, payment id or account, so a second list can follow the first into the same
 * gateway. With {@code name}, every row carries that name instead of a generated one (people a
 * registry stub that answers one name for everyone will recognise).
 *
 * Prints what the gateway should find ({@code EXPECT ...}, {@code BANK ...}) and, last,
 * {@code ROWS <count> SUM <sum>}: the control totals the payer declares (X-Control-Count = all
 * data rows; X-Control-Sum = every amount that is a whole number, the invalid "-1" included).
 * Amounts stay within the SOCIAL_ALLOWANCE ceiling (500,000 VND × coefficients up to 3.0).
 */
public final class BatchGenerator {

  static final String HEADER =
      "payment_id,beneficiary_id,personal_id,full_name,amount_vnd,bank_bin,account_number,province_code,commune_code,purpose";

  /** Province codes of the legacy 63-province list (the first 3 digits of a personal id). */
  static final String[] PROVINCES = {"001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017",
      "019", "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040",
      "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067",
      "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092",
      "093", "094", "095", "096"};

  /** The four banks, their share of the accounts (per mille) and the length of their account numbers. */
  static final String[] BANKS = {"970405", "970415", "970436", "970418"};
  static final int[] BANK_SHARE = {450, 250, 180, 120};
  static final int[] ACCOUNT_DIGITS = {13, 12, 10, 14};
  static final String UNKNOWN_BIN = "970499";

  static final long[] AMOUNTS = {500_000, 500_000, 500_000, 750_000, 750_000, 1_000_000, 1_000_000, 1_080_000,
      1_500_000, 1_250_000};

  static final String[] FAMILY = {"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh",
      "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
  static final String[] MIDDLE_MALE = {"Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Công"};
  static final String[] MIDDLE_FEMALE = {"Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng"};
  static final String[] GIVEN_MALE = {"An", "Bình", "Nam", "Hùng", "Dũng", "Tuấn", "Cường", "Sơn", "Đạt", "Khánh",
      "Thắng", "Phúc", "Lộc", "Hải", "Trường"};
  static final String[] GIVEN_FEMALE = {"Hoà", "Lan", "Hương", "Mai", "Phương", "Linh", "Thảo", "Hạnh", "Yến",
      "Nhung", "Huệ", "Trang", "Ánh", "Loan", "Xuân"};

  static final String PERIOD_ID = "2026-11";
  static final String PURPOSE = "Trợ cấp xã hội 11/2026";
  static final String PROVINCE = "40";
  /** Nghệ An's 130 communes and wards of the list valid from 2025-07-01 (reference/admin-units/communes-2025.csv). */
  static final String[] COMMUNES = {
      "16681", "16690", "16702", "16708", "16732", "16738", "16744", "16750", "16756", "16774", "16777",
      "16792", "16801", "16804", "16813", "16816", "16819", "16822", "16828", "16831", "16834", "16837",
      "16849", "16855", "16858", "16870", "16876", "16882", "16885", "16903", "16906", "16909", "16912",
      "16933", "16936", "16939", "16941", "16951", "16969", "16972", "16975", "17011", "17017", "17029",
      "17032", "17035", "17044", "17056", "17059", "17071", "17077", "17089", "17110", "17125", "17128",
      "17143", "17149", "17170", "17176", "17179", "17212", "17224", "17230", "17239", "17242", "17248",
      "17254", "17263", "17266", "17272", "17278", "17284", "17287", "17305", "17326", "17329", "17335",
      "17344", "17357", "17365", "17380", "17395", "17416", "17419", "17443", "17464", "17476", "17479",
      "17488", "17506", "17515", "17521", "17524", "17530", "17560", "17569", "17605", "17611", "17623",
      "17641", "17662", "17677", "17689", "17707", "17713", "17722", "17728", "17743", "17759", "17770",
      "17779", "17791", "17818", "17827", "17833", "17842", "17854", "17857", "17866", "17878", "17920",
      "17935", "17944", "17950", "17971", "17989", "18001", "18007", "18028", "18040"};

  // row kinds, from one hash of (seed, row): per 100,000 rows
  static final int INVALID_PER_100K = 500;     // 0.5%
  static final int DUPLICATE_PER_100K = 200;   // 0.2%
  static final int NO_ACCOUNT_PER_100K = 3000; // 3%

  enum Kind { BANK, NO_ACCOUNT, DUPLICATE, BAD_AMOUNT_TEXT, BAD_AMOUNT_NEGATIVE, FUTURE_BIRTH_YEAR, UNKNOWN_BIN }

  private final long seed;
  private final long first;
  private final String fixedName;

  BatchGenerator(long seed, long first, String fixedName) {
    this.seed = seed;
    this.first = first;
    this.fixedName = fixedName;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 5) {
      System.err.println("usage: java bench/BatchGenerator.java <rows> <out.csv> [seed [first-row [name]]]");
      System.exit(2);
    }
    long rows = Long.parseLong(args[0]);
    Path out = Path.of(args[1]);
    long seed = args.length >= 3 ? Long.parseLong(args[2]) : 20261124L;
    long first = args.length >= 4 ? Long.parseLong(args[3]) : 1;
    String name = args.length == 5 ? Normalizer.normalize(args[4], Normalizer.Form.NFC) : null;
    if (rows < 1 || first < 1 || first - 1 + rows > 8_000_000_000L) {
      throw new IllegalArgumentException("rows must be at least 1 and first-row + rows - 1 at most 8,000,000,000");
    }
    new BatchGenerator(seed, first, name).write(rows, out);
  }

  void write(long rows, Path out) throws IOException {
    long started = System.nanoTime();
    long sum = 0;
    long invalid = 0;
    long duplicate = 0;
    long cash = 0;
    long cashSum = 0;
    long[] bankCount = new long[BANKS.length];
    long[] bankSum = new long[BANKS.length];
    StringBuilder line = new StringBuilder(256);
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8),
        1 << 16)) {
      w.write(HEADER);
      w.write('\n');
      for (long row = first; row < first + rows; row++) {
        Kind kind = kind(row);
        long h = mix(row, 1);
        long amount = AMOUNTS[(int) Long.remainderUnsigned(h, AMOUNTS.length)];
        String amountText = Long.toString(amount);
        String paymentId = paymentId(row);
        String personalId = personalId(row);
        int bank = bank(row);
        String bin = BANKS[bank];
        String account = account(row, bank);
        switch (kind) {
          case NO_ACCOUNT -> {
            bin = "";
            account = "";
          }
          case DUPLICATE -> paymentId = paymentId(duplicateOf(row));   // a new person, an old payment id
          case BAD_AMOUNT_TEXT -> amountText = "abc";
          case BAD_AMOUNT_NEGATIVE -> amountText = "-1";
          // century digit 0/1 -> 2/3 (born in the 2000s), YY kept (30..99): born 2030..2099
          case FUTURE_BIRTH_YEAR -> personalId = personalId.substring(0, 3) + (char) (personalId.charAt(3) + 2)
              + personalId.substring(4);
          case UNKNOWN_BIN -> bin = UNKNOWN_BIN;
          default -> { }
        }
        line.setLength(0);
        line.append(paymentId).append(',')
            .append('B').append(pad(row, 7)).append(',')
            .append(personalId).append(',')
            .append(name(row, (personalId.charAt(3) - '0') % 2 == 1)).append(',')
            .append(amountText).append(',')
            .append(bin).append(',')
            .append(account).append(',')
            .append(PROVINCE).append(',')
            .append(COMMUNES[(int) Long.remainderUnsigned(mix(row, 2), COMMUNES.length)]).append(',')
            .append(PURPOSE).append('\n');
        w.append(line);

        if (kind == Kind.BAD_AMOUNT_NEGATIVE) {
          sum += -1;   // a number, if not a payable one: the payer counts it, and so does the gateway
        } else if (kind != Kind.BAD_AMOUNT_TEXT) {
          sum += amount;
        }
        switch (kind) {
          case BANK -> {
            bankCount[bank]++;
            bankSum[bank] += amount;
          }
          case NO_ACCOUNT -> {
            cash++;
            cashSum += amount;
          }
          case DUPLICATE -> duplicate++;
          default -> invalid++;
        }
      }
    }
    long toBanks = 0;
    long toBanksSum = 0;
    for (int b = 0; b < BANKS.length; b++) {
      System.out.printf(Locale.ROOT, "BANK %s %d %d%n", BANKS[b], bankCount[b], bankSum[b]);
      toBanks += bankCount[b];
      toBanksSum += bankSum[b];
    }
    System.out.printf(Locale.ROOT, "EXPECT invalid %d duplicate %d deceased 0 cash %d cash_sum %d to_banks %d"
        + " to_banks_sum %d%n", invalid, duplicate, cash, cashSum, toBanks, toBanksSum);
    System.err.printf(Locale.ROOT, "generated %d rows in %.1f s -> %s%n", rows,
        (System.nanoTime() - started) / 1e9, out);
    System.out.printf(Locale.ROOT, "ROWS %d SUM %d%n", rows, sum);
  }

  /** What a row is; a duplicate needs an earlier valid row to repeat, so the first rows are never one. */
  Kind kind(long row) {
    int k = (int) Long.remainderUnsigned(mix(row, 0), 100_000);
    if (k < INVALID_PER_100K) {
      return switch (k % 4) {
        case 0 -> Kind.BAD_AMOUNT_TEXT;
        case 1 -> Kind.BAD_AMOUNT_NEGATIVE;
        case 2 -> Kind.FUTURE_BIRTH_YEAR;
        default -> Kind.UNKNOWN_BIN;
      };
    }
    if (k < INVALID_PER_100K + DUPLICATE_PER_100K) {
      return row - first >= 1000 ? Kind.DUPLICATE : Kind.BANK;
    }
    if (k < INVALID_PER_100K + DUPLICATE_PER_100K + NO_ACCOUNT_PER_100K) {
      return Kind.NO_ACCOUNT;
    }
    return Kind.BANK;
  }

  /** An earlier row of this list, within the last 50,000, that is valid and itself no duplicate. */
  long duplicateOf(long row) {
    long back = 1 + Long.remainderUnsigned(mix(row, 3), Math.min(row - first, 50_000));
    long k = row - back;
    while (k >= first && kind(k) != Kind.BANK && kind(k) != Kind.NO_ACCOUNT) {
      k--;
    }
    if (k < first) {
      throw new IllegalStateException("no valid row before row " + row);   // would take 1,000 invalid rows in a row
    }
    return k;
  }

  static String paymentId(long row) {
    return "P" + PERIOD_ID + "-" + pad(row, 7);
  }

  /**
   * {@code PPP G YY RRRRRR}, a bijection of the row number: the province cycles fastest, then the
   * century/gender digit (0 or 1: born in the 1900s), then YY in 30..99; RRRRRR is the rest times a
   * number prime to 10^6 (so still one-to-one) to look less sequential.
   */
  static String personalId(long row) {
    long j = row - 1;
    int province = (int) (j % PROVINCES.length);
    j /= PROVINCES.length;
    int gender = (int) (j % 2);
    j /= 2;
    int yy = 30 + (int) (j % 70);
    j /= 70;
    long serial = (j * 370_261L + 123_457L) % 1_000_000L;
    return PROVINCES[province] + gender + yy + pad(serial, 6);
  }

  int bank(long row) {
    int p = (int) Long.remainderUnsigned(mix(row, 4), 1000);
    for (int b = 0; b < BANKS.length; b++) {
      if (p < BANK_SHARE[b]) {
        return b;
      }
      p -= BANK_SHARE[b];
    }
    return 0;
  }

  /** A bank-specific length; the row number in the last digits keeps numbers apart. */
  static String account(long row, int bank) {
    int digits = ACCOUNT_DIGITS[bank];
    String tail = pad(row, 8);
    StringBuilder s = new StringBuilder(digits);
    s.append((char) ('1' + bank));
    while (s.length() + tail.length() < digits) {
      s.append((char) ('0' + (row * 7 + s.length()) % 10));
    }
    return s.append(tail).toString();
  }

  String name(long row, boolean female) {
    if (fixedName != null) {
      return fixedName;
    }
    long h = mix(row, 5);
    String family = FAMILY[(int) Long.remainderUnsigned(h, FAMILY.length)];
    h = Long.divideUnsigned(h, FAMILY.length);
    String[] middles = female ? MIDDLE_FEMALE : MIDDLE_MALE;
    String[] givens = female ? GIVEN_FEMALE : GIVEN_MALE;
    String middle = middles[(int) Long.remainderUnsigned(h, middles.length)];
    h = Long.divideUnsigned(h, middles.length);
    String given = givens[(int) Long.remainderUnsigned(h, givens.length)];
    return NAMES_NFC ? family + " " + middle + " " + given
        : Normalizer.normalize(family + " " + middle + " " + given, Normalizer.Form.NFC);
  }

  private static final boolean NAMES_NFC = allNfc(FAMILY) && allNfc(MIDDLE_MALE) && allNfc(MIDDLE_FEMALE)
      && allNfc(GIVEN_MALE) && allNfc(GIVEN_FEMALE);

  private static boolean allNfc(String[] names) {
    for (String n : names) {
      if (!Normalizer.isNormalized(n, Normalizer.Form.NFC)) {
        return false;
      }
    }
    return true;
  }

  /** SplitMix64 of (seed, row, stream): independent draws per row, no state carried between rows. */
  long mix(long row, int stream) {
    long z = seed * 0x9E3779B97F4A7C15L + row * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static String pad(long n, int width) {
    String s = Long.toString(n);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}
