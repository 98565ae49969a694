import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.ansinh.gateway.citizen.NameKey;

/**
 * B2: the people of a payment list as the population database last confirmed them, for bench/batch.sh
 * to load into {@code person_verification} before the batch (last month's cycle verified them all).
 *
 * <pre>java -cp &lt;the gateway's classes&gt; bench/VerifiedPeople.java &lt;in.csv&gt; &lt;out.tsv&gt;</pre>
 *
 * Reads the list (the gateway's CSV columns, no quoted cells, as BatchGenerator writes it) and writes
 * one line per row with a 12-digit personal id: {@code personal_id TAB name_key}, the name key made
 * by the gateway's own {@code NameKey} (its classes on the class path, taken from the jar), so the
 * gate finds exactly the name of the row. Prints {@code PEOPLE <count>}.
 */
public final class VerifiedPeople {

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java -cp <gateway classes> bench/VerifiedPeople.java <in.csv> <out.tsv>");
      System.exit(2);
    }
    long people = 0;
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      String line = in.readLine();   // the header
      if (line == null || !line.startsWith("payment_id,beneficiary_id,personal_id,full_name,")) {
        throw new IllegalArgumentException("not a payment list with the gateway's columns: " + args[0]);
      }
      StringBuilder row = new StringBuilder(40);
      while ((line = in.readLine()) != null) {
        int c1 = line.indexOf(',');
        int c2 = line.indexOf(',', c1 + 1);
        int c3 = line.indexOf(',', c2 + 1);
        int c4 = line.indexOf(',', c3 + 1);
        if (c4 < 0) {
          continue;
        }
        String personalId = line.substring(c2 + 1, c3);
        if (!twelveDigits(personalId)) {
          continue;
        }
        row.setLength(0);
        row.append(personalId).append('\t').append(NameKey.of(line.substring(c3 + 1, c4))).append('\n');
        out.append(row);
        people++;
      }
    }
    System.out.println("PEOPLE " + people);
  }

  static boolean twelveDigits(String s) {
    if (s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
