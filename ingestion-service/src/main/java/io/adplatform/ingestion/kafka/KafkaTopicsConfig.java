package io.adplatform.ingestion.kafka;

import io.adplatform.common.kafka.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares the topics this service writes, so a fresh local broker works; production topics are made by ops. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "adplatform.ingestion.kafka", name = "create-topics", havingValue = "true", matchIfMissing = true)
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics ingestionTopics(IngestionKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(topic(Topics.SDK_EVENTS, properties.partitions(), properties),
                topic(Topics.ATTRIBUTION_EVENTS, properties.partitions(), properties),
                topic(Topics.TRACKING_CLICKS, properties.trackingClicksPartitions(), properties));
    }

    private static NewTopic topic(String name, int partitions, IngestionKafkaProperties p) {
        return TopicBuilder.name(name).partitions(partitions).replicas(p.replicationFactor()).build();
    }
}
