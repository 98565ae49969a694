import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads the gateway's event topics from the beginning, with nothing but kafka-clients on the class path.
 *
 *   java -cp "$(cat target/kafka.classpath)" bench/EventTopics.java localhost:9092 tail ansinh.payment.v1 …
 *     prints every event (its JSON) as it arrives, until stopped;
 *   java -cp … bench/EventTopics.java localhost:9092 stats ansinh.beneficiary.v1 ansinh.payment.v1 ansinh.audit.v1
 *     reads until nothing more arrives for 5 s, then prints
 *     "EVENTS <records> <distinct ids> <payment statuses> <first ms> <last ms>" (record timestamps);
 *   java -cp … bench/EventTopics.java localhost:9092 prepare ansinh.beneficiary.v1 …
 *     makes a fresh broker what a broker in service already is before a batch: the topics exist
 *     (3 partitions each) and its transaction log too (the first transactional producer creates
 *     it, 50 partitions), so neither is created in the middle of the measured run. Sends no event.
 */
public class EventTopics {

  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern ROWS = Pattern.compile("\"rows\":\"([0-9,-]*)\"");

  public static void main(String[] args) throws Exception {
    if ("prepare".equals(args[1])) {
      prepare(args[0], List.of(args).subList(2, args.length));
      return;
    }
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "event-topics-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");   // rounds Kafka aborted are not events
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
    boolean tail = "tail".equals(args[1]);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(args).subList(2, args.length));
      long records = 0;
      long statuses = 0;
      long first = Long.MAX_VALUE;
      long last = 0;
      Set<String> ids = new HashSet<>();
      long quietSince = System.nanoTime();
      while (tail || System.nanoTime() - quietSince < 5_000_000_000L) {
        var batch = consumer.poll(Duration.ofMillis(500));
        if (!batch.isEmpty()) {
          quietSince = System.nanoTime();
        }
        for (ConsumerRecord<String, String> r : batch) {
          if (tail) {
            System.out.println(r.value());
            continue;
          }
          records++;
          first = Math.min(first, r.timestamp());
          last = Math.max(last, r.timestamp());
          Matcher id = ID.matcher(r.value());
          if (id.find()) {
            ids.add(id.group(1));
          }
          if (r.value().contains("\"type\":\"vn.ansinh.gateway.payment.statuses-changed\"")) {
            Matcher rows = ROWS.matcher(r.value());
            statuses += rows.find() ? rowsIn(rows.group(1)) : 0;
          }
        }
      }
      System.out.println("EVENTS " + records + " " + ids.size() + " " + statuses + " " + first + " " + last);
    }
  }

  private static void prepare(String servers, List<String> topics) throws Exception {
    try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-prepare-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();   // the transaction log exists from here on
    }
    System.out.println("PREPARED " + topics.size());
  }

  /** How many rows a list of ranges names: "1-4,6,9-10" is 7. */
  static long rowsIn(String ranges) {
    long n = 0;
    for (String range : ranges.split(",")) {
      int dash = range.indexOf('-');
      n += dash < 0 ? 1 : Long.parseLong(range.substring(dash + 1)) - Long.parseLong(range.substring(0, dash)) + 1;
    }
    return n;
  }
}
