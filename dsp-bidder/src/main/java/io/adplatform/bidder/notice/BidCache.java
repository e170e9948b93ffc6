package io.adplatform.bidder.notice;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.adplatform.common.kafka.EventJson;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Bid contexts by bid id: a local cache for the notices that come back to the instance that bid (most wins arrive
 * within seconds) and Redis for the others and for later notices (billing on render, clicks), both with a TTL. Writes
 * to Redis are asynchronous and never wait on the bid path.
 */
public final class BidCache {

    private final Cache<String, BidContext> local;
    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final long ttlSeconds;

    public BidCache(RedisAsyncCommands<String, String> redis, String prefix, Duration ttl, Duration localTtl,
                    long localMaxEntries) {
        this.redis = redis;
        this.prefix = prefix + "ctx:";
        this.ttlSeconds = ttl.toSeconds();
        this.local = Caffeine.newBuilder().expireAfterWrite(localTtl).maximumSize(localMaxEntries).build();
    }

    public void put(BidContext context) {
        local.put(context.bidId(), context);
        redis.set(prefix + context.bidId(), EventJson.mapper().writeValueAsString(context),
                SetArgs.Builder.ex(ttlSeconds));
    }

    /** The context, or null when neither cache has it (expired, or never bid). */
    public CompletionStage<BidContext> get(String bidId) {
        BidContext hit = local.getIfPresent(bidId);
        if (hit != null) {
            return CompletableFuture.completedFuture(hit);
        }
        return redis.get(prefix + bidId).thenApply(json -> {
            if (json == null) {
                return null;
            }
            BidContext context = EventJson.mapper().readValue(json, BidContext.class);
            local.put(bidId, context);
            return context;
        });
    }
}
