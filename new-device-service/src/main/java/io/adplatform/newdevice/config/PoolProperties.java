package io.adplatform.newdevice.config;

import io.adplatform.newdevice.pool.BucketSizing;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The activation pool's settings ({@code adplatform.new-device.pool.*}). Redis itself is configured with Spring's
 * {@code spring.data.redis.*}.
 *
 * @param keyPrefix       prefix of every pool key; tests use their own
 * @param bucketBits      a new app's pool gets 2^bucketBits buckets; sizing rule in docs/services/new-device-service.md
 * @param bucketBitsByApp per-app bucket bits for apps expected to outgrow the default (only for pools not yet created)
 * @param commandTimeout  how long a batch may wait for Redis before the request fails with 503
 */
@ConfigurationProperties("adplatform.new-device.pool")
@Validated
public record PoolProperties(
        @DefaultValue("np:") @NotBlank String keyPrefix,
        @DefaultValue("16") @Min(0) @Max(BucketSizing.MAX_BITS) int bucketBits,
        Map<String, @NotNull @Min(0) @Max(BucketSizing.MAX_BITS) Integer> bucketBitsByApp,
        @DefaultValue("2s") @NotNull Duration commandTimeout) {

    public PoolProperties {
        bucketBitsByApp = bucketBitsByApp == null ? Map.of() : Map.copyOf(bucketBitsByApp);
    }

    BucketSizing sizing() {
        return new BucketSizing(bucketBits, bucketBitsByApp);
    }
}
