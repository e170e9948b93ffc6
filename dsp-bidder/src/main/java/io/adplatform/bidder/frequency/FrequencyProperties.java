package io.adplatform.bidder.frequency;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.bidder.frequency.*}.
 *
 * @param keyPrefix prefix of the users' counter hashes in Redis ({@code <prefix>fc:<userKey>})
 */
@ConfigurationProperties("adplatform.bidder.frequency")
public record FrequencyProperties(String keyPrefix) {

    public FrequencyProperties {
        keyPrefix = keyPrefix == null ? "bid:" : keyPrefix;
    }
}
