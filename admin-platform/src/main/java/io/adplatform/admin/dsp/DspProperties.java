package io.adplatform.admin.dsp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.dsp.*}: DSP campaigns and their way to the bidders.
 *
 * @param currency         the bidders' one currency ({@code adplatform.bidder.bidding.currency}); campaigns must be
 *                         priced in it, and one left out gets it
 * @param topicPartitions  partitions of {@code config.campaigns} when this service creates it (as the bidder would)
 * @param publishInterval  how often the publisher looks for unsent changes when nothing woke it (restart, another
 *                         instance's change, a failed send)
 * @param batchSize        outbox records sent per batch
 * @param sendTimeout      how long a batch may wait for Kafka before it is given up and retried
 * @param outboxRetention  how long sent outbox records are kept (for inspection) before they are deleted
 */
@ConfigurationProperties("adplatform.dsp")
public record DspProperties(String currency, Integer topicPartitions, Duration publishInterval, Integer batchSize,
                            Duration sendTimeout, Duration outboxRetention) {

    public DspProperties {
        currency = currency == null ? "USD" : currency;
        topicPartitions = topicPartitions == null ? 3 : topicPartitions;
        publishInterval = publishInterval == null ? Duration.ofSeconds(1) : publishInterval;
        batchSize = batchSize == null ? 200 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
        outboxRetention = outboxRetention == null ? Duration.ofDays(7) : outboxRetention;
        if (batchSize < 1 || sendTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("adplatform.dsp.batch-size must be >= 1 and send-timeout >= 1s");
        }
    }
}
