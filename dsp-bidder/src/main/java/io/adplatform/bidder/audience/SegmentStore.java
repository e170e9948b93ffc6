package io.adplatform.bidder.audience;

import io.adplatform.bidder.redis.BatchedRedis;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Users' audience segments in Redis, one set per user ({@code <prefix>seg:<userKey>}), written by audience uploads (a
 * DMP, or {@code POST /internal/v1/bidder/audiences}) and read once per bid request, asynchronously, on the bid path's
 * batched connection.
 */
public final class SegmentStore {

    private final RedisAsyncCommands<String, String> redis;
    private final BatchedRedis bidPath;
    private final String prefix;
    private final long ttlSeconds;

    public SegmentStore(RedisAsyncCommands<String, String> redis, BatchedRedis bidPath, String keyPrefix, Duration ttl) {
        this.redis = redis;
        this.bidPath = bidPath;
        this.prefix = keyPrefix + "seg:";
        this.ttlSeconds = ttl.toSeconds();
    }

    public CompletionStage<Set<String>> read(String userKey) {
        String key = prefix + userKey;
        return bidPath.send(r -> r.smembers(key));
    }

    /** Adds the users to the segment (membership lives {@code ttl} after the last upload naming the user). */
    public CompletionStage<Void> add(String segment, Collection<String> userKeys) {
        CompletionStage<?> last = java.util.concurrent.CompletableFuture.completedFuture(null);
        for (String user : userKeys) {
            redis.sadd(prefix + user, segment);
            last = redis.expire(prefix + user, ttlSeconds);
        }
        return last.thenApply(x -> null);
    }
}
