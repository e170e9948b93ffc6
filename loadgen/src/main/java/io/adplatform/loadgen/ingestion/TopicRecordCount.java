package io.adplatform.loadgen.ingestion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints how many records a topic holds (sum of its partitions' end offsets; the benchmark's topic starts empty and
 * the HTTP producer is not transactional, so this is the record count). The benchmark compares it with the events the
 * service answered "accepted": every accepted event must be in Kafka.
 *
 * <pre>java -cp ... io.adplatform.loadgen.ingestion.TopicRecordCount 127.0.0.1:29092 sdk-events</pre>
 */
public final class TopicRecordCount {

    private TopicRecordCount() {
    }

    public static void main(String[] args) {
        String brokers = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topic = args.length > 1 ? args[1] : "sdk-events";
        if (!brokers.startsWith("127.0.0.1:") && !brokers.startsWith("localhost:")) {
            throw new IllegalArgumentException("only a local broker, not " + brokers);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            long total = consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                    .mapToLong(Long::longValue).sum();
            System.out.println("records=" + total);
        }
    }
}
