package io.adplatform.admin.dsp;

import org.springframework.jdbc.core.simple.JdbcClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.Gauge;
import io.adplatform.common.dsp.CampaignValidator;
import io.adplatform.common.kafka.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** DSP campaigns: the bidder's rules, the outbox publisher, and the topic as the bidder declares it. */
@Configuration(proxyBeanMethods = false)
class DspConfig {

    /** The very rules the bidder's loader applies (common's {@link CampaignValidator}), in the bidders' currency. */
    @Bean
    CampaignValidator dspCampaignRules(DspProperties properties) {
        return new CampaignValidator(properties.currency());
    }

    @Bean
    OutboxPublisher campaignOutboxPublisher(CampaignOutbox outbox, DspCampaignStore campaigns, TransactionTemplate tx,
                                            KafkaProperties kafka, DspProperties properties, Clock clock) {
        return new OutboxPublisher(outbox, campaigns, tx, kafka.buildProducerProperties(), properties, clock);
    }

    /** Compacted, like the bidder declares it: whichever service starts first creates it right. */
    @Bean
    NewTopic dspCampaignsTopic(DspProperties properties) {
        return new NewTopic(Topics.CONFIG_CAMPAIGNS, Optional.of(properties.topicPartitions()), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** Changes committed but not yet on the topic: should stay near 0; growing means the publisher cannot send. */
    @Bean
    MeterBinder dspOutboxBacklog(JdbcClient jdbc) {
        return registry -> Gauge.builder("adplatform.dsp.outbox.unsent", () -> jdbc
                        .sql("SELECT COUNT(*) FROM dsp_campaign_outbox WHERE sent_at IS NULL").query(Long.class).single())
                .description("DSP campaign changes not yet published to config.campaigns").register(registry);
    }
}
