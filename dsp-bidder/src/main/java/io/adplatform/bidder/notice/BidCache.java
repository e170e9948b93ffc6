package io.adplatform.bidder.notice;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bid contexts by bid id: a local cache for the notices that come back to the instance that bid (most wins arrive
 * within seconds) and Redis for the others and for later notices (billing on render, clicks), both with a TTL. Writes
 * to Redis are asynchronous and never wait on the bid path. In Redis a context is its JSON ({@link BidContextJson}).
 *
 * <p>The local cache is two generations of a plain concurrent map: new contexts go into the current one, which becomes
 * the previous one (and the previous one is dropped whole) every half {@code localTtl}, or sooner once it holds half
 * of {@code localMaxEntries}. A context so stays in memory for between half and the whole of {@code localTtl} (less
 * under a load that fills the bound), and nothing is tracked per entry: an LRU cache with per-entry expiry spent ~2 %
 * of the bid path's CPU on its own upkeep.
 */
public final class BidCache {

    private record Generation(ConcurrentHashMap<String, BidContext> contexts, long startedNanos) {
    }

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final long ttlSeconds;
    private final long generationNanos;
    private final int generationMax;
    private volatile Generation current;
    private volatile Generation previous;

    public BidCache(RedisAsyncCommands<String, String> redis, String prefix, Duration ttl, Duration localTtl,
                    long localMaxEntries) {
        this.redis = redis;
        this.prefix = prefix + "ctx:";
        this.ttlSeconds = ttl.toSeconds();
        this.generationNanos = localTtl.toNanos() / 2;
        this.generationMax = (int) Math.max(1, Math.min(Integer.MAX_VALUE, localMaxEntries / 2));
        this.current = newGeneration();
        this.previous = newGeneration();
    }

    public void put(BidContext context) {
        remember(context.bidId(), context);
        redis.set(prefix + context.bidId(), BidContextJson.write(context), SetArgs.Builder.ex(ttlSeconds));
    }

    /** The context, or null when neither cache has it (expired, or never bid). */
    public CompletionStage<BidContext> get(String bidId) {
        BidContext hit = current.contexts().get(bidId);
        if (hit == null) {
            hit = previous.contexts().get(bidId);
        }
        if (hit != null) {
            return CompletableFuture.completedFuture(hit);
        }
        return redis.get(prefix + bidId).thenApply(json -> {
            if (json == null) {
                return null;
            }
            BidContext context = BidContextJson.read(json);
            if (context != null) {
                remember(bidId, context);
            }
            return context;
        });
    }

    private void remember(String bidId, BidContext context) {
        Generation g = current;
        if (System.nanoTime() - g.startedNanos() >= generationNanos || g.contexts().size() >= generationMax) {
            g = rotate(g);
        }
        g.contexts().put(bidId, context);
    }

    /** One thread rotates; the others go on with whichever generation is current when they look again. */
    private synchronized Generation rotate(Generation seen) {
        if (current == seen) {
            previous = seen;
            current = newGeneration();
        }
        return current;
    }

    private Generation newGeneration() {
        return new Generation(new ConcurrentHashMap<>(Math.min(generationMax, 1 << 16)), System.nanoTime());
    }
}
