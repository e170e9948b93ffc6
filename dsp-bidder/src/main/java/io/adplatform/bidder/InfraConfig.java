package io.adplatform.bidder;

import io.adplatform.common.kafka.Topics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import io.adplatform.bidder.campaign.CampaignProperties;
import io.adplatform.bidder.redis.BatchedRedis;

/**
 * The bidder's clients of Kafka and Redis. The bid path's commands share one Lettuce connection asynchronously, written
 * once per event-loop pass ({@link BatchedRedis}); the rest share another; one idempotent producer batches
 * ({@code linger.ms}).
 */
@Configuration(proxyBeanMethods = false)
class InfraConfig {

    @Bean(destroyMethod = "shutdown")
    RedisClient bidderRedisClient(DataRedisProperties redis) {
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.getHost()).withPort(redis.getPort())
                .withDatabase(redis.getDatabase())
                .withTimeout(redis.getTimeout() == null ? Duration.ofSeconds(2) : redis.getTimeout());
        if (redis.getPassword() != null && !redis.getPassword().isEmpty()) {
            uri.withPassword(redis.getPassword().toCharArray());
        }
        return RedisClient.create(uri.build());
    }

    /**
     * The shared connection (the default one): notices, audience uploads, impressions. The bid path's reads and
     * writes have a connection of their own, budgets too.
     */
    @Bean(destroyMethod = "close")
    @Primary
    StatefulRedisConnection<String, String> bidderRedis(RedisClient client) {
        return client.connect();
    }

    /** The bid path's connection: its commands go out in one write per event-loop pass ({@link BatchedRedis}). */
    @Bean(destroyMethod = "close")
    BatchedRedis bidPathRedis(RedisClient client) {
        return new BatchedRedis(client.connect());
    }

    @Bean(destroyMethod = "close")
    KafkaProducer<String, byte[]> bidderProducer(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // No compression by default: lz4 allocated a 64 KB block per batch on the bid path's producer, the largest
        // source of garbage per bid; set spring.kafka.producer.compression-type where the network costs more than CPU.
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dsp-bidder");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    NewTopic campaignsTopic(CampaignProperties campaigns) {
        return new NewTopic(Topics.CONFIG_CAMPAIGNS, Optional.of(campaigns.topicPartitions()), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    @Bean
    NewTopic bidEventsTopic() {
        return new NewTopic(Topics.BID_EVENTS, Optional.of(6), Optional.empty());
    }
}
