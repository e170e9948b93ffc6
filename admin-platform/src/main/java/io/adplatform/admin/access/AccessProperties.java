package io.adplatform.admin.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.access.*}.
 *
 * @param cacheTtl        the longest a cached {@code product_access} row is used — the bound on staleness should an
 *                        instance miss a change announced by another; 0 = no cache (every check reads the row)
 * @param cacheMaxUsers   users whose rows are kept
 * @param changesChannel  the Redis channel instances announce access changes on
 */
@ConfigurationProperties("adplatform.access")
public record AccessProperties(Duration cacheTtl, Integer cacheMaxUsers, String changesChannel) {

    public AccessProperties {
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(30) : cacheTtl;
        cacheMaxUsers = cacheMaxUsers == null ? 50_000 : cacheMaxUsers;
        changesChannel = changesChannel == null ? "adm:access-changes" : changesChannel;
    }
}
