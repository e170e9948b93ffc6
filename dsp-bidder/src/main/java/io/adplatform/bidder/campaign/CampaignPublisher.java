package io.adplatform.bidder.campaign;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Component;

/**
 * Writes campaigns to {@code config.campaigns} — what the admin platform will do; until then the local and test way
 * in. Returns once Kafka acknowledged every record; bidders (this one included) pick them up from the topic.
 */
@Component
public class CampaignPublisher {

    private final KafkaProducer<String, byte[]> producer;

    public CampaignPublisher(KafkaProducer<String, byte[]> bidderProducer) {
        this.producer = bidderProducer;
    }

    public void publish(List<CampaignConfig> campaigns) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(campaigns.size());
        for (CampaignConfig c : campaigns) {
            sent.add(producer.send(new ProducerRecord<>(Topics.CONFIG_CAMPAIGNS, c.id(),
                    EventJson.mapper().writeValueAsBytes(c))));
        }
        await(sent);
    }

    /** A tombstone: bidders drop the campaign. */
    public void remove(String campaignId) {
        await(List.of(producer.send(new ProducerRecord<>(Topics.CONFIG_CAMPAIGNS, campaignId, null))));
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing campaigns", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not accept the campaigns", e);
        }
    }
}
