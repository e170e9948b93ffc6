package io.adplatform.bidder.notice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl         how exchanges and browsers reach this bidder's notice endpoints (behind the load balancer)
 * @param secret          HMAC key of bid ids, the same on every instance (at least 16 bytes; set it in production)
 * @param ttl             how long a bid's notices are accepted and its context kept in Redis
 * @param localTtl        how long the instance that bid keeps the context in memory: long enough for the wins that
 *                        come within seconds, short enough not to fill the old generation (every bid's context
 *                        stays alive that long; at 2 minutes a soak at 1,500 bids/s held 180,000 and young pauses
 *                        grew to half a second)
 * @param localMaxEntries bound of that memory
 * @param keyPrefix       Redis key prefix of the bid cache, notice claims and segments
 * @param segmentTtl      how long an uploaded segment membership lives after the last upload naming the user
 */
@ConfigurationProperties("adplatform.bidder.notices")
public record NoticeProperties(@DefaultValue("http://127.0.0.1:8085") String baseUrl,
                               @DefaultValue("local-dev-bid-id-secret-change-me") String secret,
                               @DefaultValue("1h") Duration ttl, @DefaultValue("15s") Duration localTtl,
                               @DefaultValue("50000") long localMaxEntries, @DefaultValue("bid:") String keyPrefix,
                               @DefaultValue("30d") Duration segmentTtl) {
}
