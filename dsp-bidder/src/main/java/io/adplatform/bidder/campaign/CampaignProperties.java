package io.adplatform.bidder.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topicPartitions partitions of {@code config.campaigns} when the bidder creates it
 * @param rebuildInterval how often, at most, the catalog and its index are rebuilt while changes stream in
 */
@ConfigurationProperties("adplatform.bidder.campaigns")
public record CampaignProperties(@DefaultValue("3") int topicPartitions,
                                 @DefaultValue("500ms") Duration rebuildInterval) {
}
