package io.adplatform.admin.dsp;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code config.campaigns} from the beginning, as a bidder does, and gives the records of one campaign. */
final class CampaignTopic {

    /** One record: {@code config} null is a tombstone. */
    record Published(long offset, CampaignConfig config) {
        Long version() {
            return config == null ? null : config.version();
        }
    }

    private CampaignTopic() {
    }

    /** Every record keyed {@code campaignId} present on the topic now (in partition order: one key, one partition). */
    static List<Published> records(String brokers, String campaignId) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "dsp-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.CONFIG_CAMPAIGNS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            List<Published> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read config.campaigns to its end");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (campaignId.equals(r.key())) {
                        out.add(new Published(r.offset(), r.value() == null ? null
                                : EventJson.mapper().readValue(r.value(), CampaignConfig.class)));
                    }
                }
            }
            return out;
        }
    }

    /** The versions in order, a tombstone as null, a record sent twice in a row (at least once) counted once. */
    static List<Long> versions(List<Published> records) {
        List<Long> out = new ArrayList<>();
        for (Published p : records) {
            if (out.isEmpty() || !java.util.Objects.equals(out.get(out.size() - 1), p.version())) {
                out.add(p.version());
            }
        }
        return out;
    }
}
