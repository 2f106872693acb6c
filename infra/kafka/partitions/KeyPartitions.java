import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces one record per key read from stdin (UTF-8, one key a line) to each topic with Kafka's
 * own Java producer and its default partitioner, then prints "P<TAB>topic<TAB>partition<TAB>key"
 * for each: the partition the Java client really chose, for the Node adapters' partitioning test.
 * Usage: java -cp '<kafka libs>/*' KeyPartitions.java <bootstrap servers> <topic>...
 */
public class KeyPartitions {
  public static void main(String[] args) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    List<String> keys = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isEmpty()) keys.add(line);
      }
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int t = 1; t < args.length; t++) {
        for (String key : keys) sent.add(producer.send(new ProducerRecord<>(args[t], key, "java")));
      }
      producer.flush();
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < sent.size(); i++) {
        RecordMetadata metadata = sent.get(i).get();
        out.append("P\t").append(metadata.topic()).append('\t').append(metadata.partition()).append('\t').append(keys.get(i % keys.size())).append('\n');
      }
      System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
      System.out.flush();
    }
  }
}
