package io.adplatform.admin.access;

import io.adplatform.admin.identity.Operator;
import io.adplatform.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The permission check of every product endpoint: one primary-key read of {@code product_access}, never an expansion of
 * the hierarchy (the rows are kept complete when memberships or a group's products change, see {@link Memberships}).
 * Rows read are kept in this instance's {@link AccessCache}, evicted by every change ({@link AccessChanges}), so a check
 * usually waits for no database at all.
 * A product the user has no row for — another team's, another group's, or one that does not exist — answers 404 with
 * the same words in every case, so nothing is learnt about products one may not see; a product one sees but may not
 * act on answers 403.
 */
@Component
public class ProductAccess {

    private final JdbcClient jdbc;
    /** The check as the request path pays it; its histogram has a bucket at 1 ms, the p99 bound. */
    private final Timer checks;

    private final AccessCache cache;
    private final boolean cached;

    ProductAccess(JdbcClient jdbc, MeterRegistry meters, AccessCache cache, AccessProperties props) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.cached = !props.cacheTtl().isZero();
        this.checks = Timer.builder("adplatform.access.check")
                .description("permission checks of product endpoints (one product_access row read)")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(1))
                .register(meters);
    }

    /** The user's permissions on the product, empty when the user may not see it at all. */
    public Optional<Long> permissions(long userId, String appId) {
        if (!cached) {
            return read(userId, appId);
        }
        long mask = cache.permissions(userId, appId, () -> readUser(userId),
                () -> read(userId, appId).map(OptionalLong::of).orElse(OptionalLong.empty()));
        return mask == AccessCache.NONE ? Optional.empty() : Optional.of(mask);
    }

    /** All the user's rows (a range of the primary key), or empty when there are more than the cache keeps per user. */
    private Optional<Map<String, Long>> readUser(long userId) {
        int max = cache.maxProductsPerUser();
        Map<String, Long> rows = new HashMap<>();
        jdbc.sql("SELECT app_id, permissions FROM product_access WHERE user_id = ? LIMIT ?").params(userId, max + 1)
                .query((rs, i) -> rows.put(rs.getString(1), rs.getLong(2))).list();
        return rows.size() > max ? Optional.empty() : Optional.of(rows);
    }

    private Optional<Long> read(long userId, String appId) {
        return jdbc.sql("SELECT permissions FROM product_access WHERE user_id = ? AND app_id = ?")
                .params(userId, appId).query(Long.class).optional();
    }

    /** Passes when the operator holds {@code needed} on the product; throws the 404/403 problem otherwise. */
    public void require(Operator operator, String appId, Permission needed) {
        long started = System.nanoTime();
        Optional<Long> found = permissions(operator.userId(), appId);
        checks.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        long mask = found.orElseThrow(() -> notFound(appId));
        if ((mask & Permission.VIEW_PRODUCT.bit()) == 0) {
            throw notFound(appId);
        }
        if ((mask & needed.bit()) == 0) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "your roles on product " + appId + " do not include "
                    + needed.name(), List.of());
        }
    }

    public static ApiProblem notFound(String appId) {
        return ApiProblem.notFound("no product " + appId);
    }
}
