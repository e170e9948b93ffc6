package io.adplatform.bidder.frequency;

import io.adplatform.bidder.redis.BatchedRedis;
import io.adplatform.bidder.redis.RedisScript;
import io.adplatform.common.dsp.CampaignConfig.CapScope;
import io.adplatform.common.dsp.CampaignConfig.FrequencyCap;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Users' impression counters in Redis: one hash per user ({@code <prefix>fc:<userKey>}, fields as in
 * {@link UserCounters}). The bid path reads a user with one HGETALL; an impression increments one field per cap and
 * prunes, in the same script, the fields no cap can read any more (older than the previous bucket of their window).
 * The hash expires two of its longest windows after its last impression — the estimate in {@link FrequencyCaps} reads
 * the previous bucket too — so a user who stops being seen leaves nothing behind.
 */
public final class FrequencyStore {

    private static final RedisScript RECORD = new RedisScript("""
            local key, now, ttl = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
            for i = 3, #ARGV do redis.call('HINCRBY', key, ARGV[i], 1) end
            for _, f in ipairs(redis.call('HKEYS', key)) do
              local w, b = string.match(f, '^%a:(%d+):(%d+):')
              if w and (tonumber(b) + 2) * tonumber(w) <= now then redis.call('HDEL', key, f) end
            end
            if redis.call('TTL', key) < ttl then redis.call('EXPIRE', key, ttl) end
            return 1
            """);

    private final RedisAsyncCommands<String, String> redis;
    private final BatchedRedis bidPath;
    private final String keyPrefix;

    /** @param bidPath the bid path's connection, for the reads; impressions are counted on {@code connection} */
    public FrequencyStore(StatefulRedisConnection<String, String> connection, BatchedRedis bidPath, String keyPrefix) {
        this.redis = connection.async();
        this.bidPath = bidPath;
        this.keyPrefix = keyPrefix;
    }

    /** The user's counters: one async HGETALL; {@link UserCounters#EMPTY} for an unknown or missing user. */
    public CompletionStage<UserCounters> read(String userKey) {
        if (userKey == null || userKey.isEmpty()) {
            return CompletableFuture.completedFuture(UserCounters.EMPTY);
        }
        String key = key(userKey);
        return bidPath.send(r -> r.hgetall(key)).thenApply(UserCounters::parse);
    }

    /**
     * Counts one impression of the campaign's creative against each of the campaign's caps (a field counted by two
     * caps is counted once). Not idempotent: the caller counts each impression once.
     */
    public CompletionStage<Void> recordImpression(String userKey, String campaignId, String creativeId,
                                                  List<FrequencyCap> caps, Instant at) {
        if (userKey == null || userKey.isEmpty() || caps == null || caps.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long now = at.getEpochSecond();
        Set<String> fields = new LinkedHashSet<>();
        long longest = 0;
        for (FrequencyCap cap : caps) {
            if (cap.windowSeconds() <= 0) {
                continue;
            }
            String id = cap.scope() == CapScope.CAMPAIGN ? campaignId : creativeId;
            fields.add(UserCounters.field(cap.scope(), id, cap.windowSeconds(), Math.floorDiv(now, cap.windowSeconds())));
            longest = Math.max(longest, cap.windowSeconds());
        }
        if (fields.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> args = new ArrayList<>(fields.size() + 2);
        args.add(Long.toString(now));
        args.add(Long.toString(2 * longest));
        args.addAll(fields);
        return RECORD.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key(userKey)},
                args.toArray(String[]::new)).thenApply(x -> null);
    }

    String key(String userKey) {
        return keyPrefix + "fc:" + userKey;
    }
}
