import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * B2's raw limit: the same payment list turned into pain.001.001.09 files by a plain streaming
 * loop, no database, no HTTP, no framework -- the cost of the formats alone.
 *
 * <pre>java -Xmx512m bench/RawPain001Loop.java &lt;in.csv&gt; &lt;outdir&gt; [maxPerFile]</pre>
 *
 * Reads the CSV a line at a time (split on commas: BatchGenerator quotes nothing), drops the rows
 * the gateway would refuse or stop (cheap versions of its rules: amount, personal id, BIN,
 * account, a payment id or a person seen before; rows without an account are cash, not a bank's),
 * and keeps, per bank, the rows of the file being filled: at most {@code maxPerFile} (10,000),
 * so memory is bounded by banks x file size, never by the list. A full file is written at once
 * with StAX, its totals known; the element structure is the gateway's Pain001Writer's.
 *
 * Prints {@code RAW_FILES <files> <sum>} and, last, {@code RAW <seconds> <rows_written>}.
 */
public final class RawPain001Loop {

  static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
  static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  // what the demo gateway puts in every file (application-demo.yaml, the dolisa-demo partner)
  static final String INITIATING_PARTY = "VN/GOV/DOLISA-40/BTXH";
  static final String DEBTOR_NAME = "Kho bạc Nhà nước Nghệ An (demo)";
  static final String DEBTOR_ACCOUNT = "3711.0.1055001";
  static final String DEBTOR_AGENT_BIN = "970405";
  static final Set<String> BANKS = Set.of("970405", "970415", "970436", "970418");
  static final Set<String> PROVINCES = Set.of("001", "002", "004", "006", "008", "010", "011", "012", "014", "015",
      "017", "019", "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
      "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
      "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091",
      "092", "093", "094", "095", "096");
  static final int MAX_PURPOSE = 140;

  /** One credit transfer waiting for its file. */
  record Transfer(String paymentId, long amount, String bin, String account, String name, String purpose) {}

  /** The file a bank is filling. */
  static final class Pending {
    final String bin;
    final Transfer[] rows;
    int count;
    long sum;
    int fileSeq;

    Pending(String bin, int max) {
      this.bin = bin;
      this.rows = new Transfer[max];
    }
  }

  private final Path outDir;
  private final int maxPerFile;
  private final XMLOutputFactory output = XMLOutputFactory.newFactory();
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Instant createdAt = Instant.now();
  private final LocalDate executionDate = LocalDate.now(VIETNAM);
  private final int thisYear = executionDate.getYear();
  private final String runId = Long.toString(createdAt.getEpochSecond());
  private final LongSet paymentIds = new LongSet();
  private final LongSet persons = new LongSet();
  private long files;
  private long written;
  private long writtenSum;
  private long skipped;

  RawPain001Loop(Path outDir, int maxPerFile) {
    this.outDir = outDir;
    this.maxPerFile = maxPerFile;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: java -Xmx512m bench/RawPain001Loop.java <in.csv> <outdir> [maxPerFile]");
      System.exit(2);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int max = args.length == 3 ? Integer.parseInt(args[2]) : 10_000;
    Files.createDirectories(out);
    long started = System.nanoTime();
    RawPain001Loop loop = new RawPain001Loop(out, max);
    loop.run(in);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "RAW_FILES %d %d skipped %d%n", loop.files, loop.writtenSum, loop.skipped);
    System.out.printf(Locale.ROOT, "RAW %.3f %d%n", seconds, loop.written);
  }

  void run(Path in) throws IOException, XMLStreamException {
    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null || !header.startsWith("payment_id,")) {
        throw new IllegalArgumentException("not a payment list: " + header);
      }
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isEmpty()) {
          row(line.split(",", -1));
        }
      }
    }
    for (Pending p : pending.values()) {
      if (p.count > 0) {
        flush(p);
      }
    }
  }

  /** Columns: payment_id,beneficiary_id,personal_id,full_name,amount_vnd,bank_bin,account_number,province_code,commune_code,purpose */
  void row(String[] c) throws IOException, XMLStreamException {
    if (c.length < 10) {
      skipped++;
      return;
    }
    String paymentId = c[0];
    String personalId = c[2];
    String name = c[3];
    long amount = amount(c[4]);
    String bin = c[5];
    String account = c[6];
    boolean valid = amount > 0 && paymentId.length() >= 1 && paymentId.length() <= 35 && !c[1].isEmpty()
        && personalIdOk(personalId) && !name.isBlank() && name.length() <= 140
        && bin.isEmpty() == account.isEmpty() && (bin.isEmpty() || BANKS.contains(bin))
        && (account.isEmpty() || accountOk(account));
    // a payment id once, then a person once among the rows with a new payment id (the gateway's rule)
    if (!valid || !paymentIds.add(hash(paymentId)) || !persons.add(hash(personalId))) {
      skipped++;
      return;
    }
    if (bin.isEmpty()) {
      skipped++;   // no account: paid in cash at the commune, in no bank's file
      return;
    }
    Pending p = pending.computeIfAbsent(bin, b -> new Pending(b, maxPerFile));
    String purpose = c[9].length() > MAX_PURPOSE ? c[9].substring(0, MAX_PURPOSE) : c[9];
    p.rows[p.count++] = new Transfer(paymentId, amount, bin, account, name, purpose);
    p.sum += amount;
    if (p.count == maxPerFile) {
      flush(p);
    }
  }

  /** Writes the bank's current file, shaped as the gateway's Pain001Writer writes it. */
  void flush(Pending p) throws IOException, XMLStreamException {
    p.fileSeq++;
    String messageId = "RAW" + runId + "-" + p.bin + "-" + String.format(Locale.ROOT, "%04d", p.fileSeq);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(outDir.resolve(messageId + ".xml")),
        1 << 16)) {
      XMLStreamWriter xml = output.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("Document");
      xml.writeDefaultNamespace(NAMESPACE);
      xml.writeStartElement("CstmrCdtTrfInitn");

      xml.writeStartElement("GrpHdr");
      text(xml, "MsgId", messageId);
      text(xml, "CreDtTm", CREATED.format(createdAt.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
      text(xml, "NbOfTxs", Integer.toString(p.count));
      text(xml, "CtrlSum", Long.toString(p.sum));
      xml.writeStartElement("InitgPty");
      text(xml, "Nm", INITIATING_PARTY);
      xml.writeEndElement();
      xml.writeEndElement();

      xml.writeStartElement("PmtInf");
      text(xml, "PmtInfId", messageId);
      text(xml, "PmtMtd", "TRF");
      text(xml, "NbOfTxs", Integer.toString(p.count));
      text(xml, "CtrlSum", Long.toString(p.sum));
      xml.writeStartElement("ReqdExctnDt");
      text(xml, "Dt", executionDate.toString());
      xml.writeEndElement();
      xml.writeStartElement("Dbtr");
      text(xml, "Nm", DEBTOR_NAME);
      xml.writeEndElement();
      account(xml, "DbtrAcct", DEBTOR_ACCOUNT);
      agent(xml, "DbtrAgt", DEBTOR_AGENT_BIN);

      for (int i = 0; i < p.count; i++) {
        Transfer t = p.rows[i];
        xml.writeStartElement("CdtTrfTxInf");
        xml.writeStartElement("PmtId");
        text(xml, "EndToEndId", t.paymentId());
        xml.writeEndElement();
        xml.writeStartElement("Amt");
        xml.writeStartElement("InstdAmt");
        xml.writeAttribute("Ccy", "VND");
        xml.writeCharacters(Long.toString(t.amount()));
        xml.writeEndElement();
        xml.writeEndElement();
        agent(xml, "CdtrAgt", t.bin());
        xml.writeStartElement("Cdtr");
        text(xml, "Nm", t.name());
        xml.writeEndElement();
        account(xml, "CdtrAcct", t.account());
        if (!t.purpose().isBlank()) {
          xml.writeStartElement("RmtInf");
          text(xml, "Ustrd", t.purpose());
          xml.writeEndElement();
        }
        xml.writeEndElement();
        p.rows[i] = null;
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    }
    files++;
    written += p.count;
    writtenSum += p.sum;
    p.count = 0;
    p.sum = 0;
  }

  private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void account(XMLStreamWriter xml, String name, String number) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeStartElement("Id");
    xml.writeStartElement("Othr");
    text(xml, "Id", number);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void agent(XMLStreamWriter xml, String name, String bin) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeStartElement("FinInstnId");
    xml.writeStartElement("ClrSysMmbId");
    text(xml, "MmbId", bin);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  /** Whole đồng above zero, at most 15 digits; -1 otherwise. */
  static long amount(String s) {
    int n = s.length();
    if (n == 0 || n > 15) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  /** 12 digits, a legacy province, century/gender digit 0-5, birth year not in the future. */
  boolean personalIdOk(String id) {
    if (id.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char ch = id.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    int g = id.charAt(3) - '0';
    int year = 1900 + 100 * (g / 2) + (id.charAt(4) - '0') * 10 + (id.charAt(5) - '0');
    return g <= 5 && year <= thisYear && PROVINCES.contains(id.substring(0, 3));
  }

  static boolean accountOk(String a) {
    int n = a.length();
    if (n < 8 || n > 19) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char ch = a.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  /** 64-bit FNV-1a then a SplitMix finaliser: a million ids in 16 MB instead of a HashSet<String>'s ~100 MB. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return (h ^ (h >>> 31)) | 1;   // never 0: 0 marks a free slot
  }

  /** Open addressing set of non-zero longs. */
  static final class LongSet {
    private long[] slots = new long[1 << 16];
    private int size;

    boolean add(long v) {
      if (size * 2 >= slots.length) {
        grow();
      }
      int mask = slots.length - 1;
      int i = (int) v & mask;
      while (slots[i] != 0) {
        if (slots[i] == v) {
          return false;
        }
        i = (i + 1) & mask;
      }
      slots[i] = v;
      size++;
      return true;
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      size = 0;
      for (long v : old) {
        if (v != 0) {
          add(v);
        }
      }
    }
  }
}
