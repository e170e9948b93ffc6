package io.adplatform.bidder.notice;

import io.adplatform.bidder.redis.BatchedRedis;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ByteArrayOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Bid contexts by bid id: a local cache for the notices that come back to the instance that bid (most wins arrive
 * within seconds) and Redis for the others and for later notices (billing on render, clicks), both with a TTL. Writes
 * to Redis are asynchronous and never wait on the bid path. A context is kept as its UTF-8 JSON
 * ({@link BidContextJson}), in Redis and in memory alike: written once per bid, read only when a notice comes.
 *
 * <p>The local cache is two generations of a {@link ContextTable}: new contexts go into the current one, which becomes
 * the previous one (and the previous one is dropped whole) every half {@code localTtl}, or sooner once it holds half
 * of {@code localMaxEntries}. A context so stays in memory for between half and the whole of {@code localTtl} (less
 * under a load that fills the bound), and nothing is tracked per entry: an LRU cache with per-entry expiry spent ~2 %
 * of the bid path's CPU on its own upkeep. A table keeps its entries' bytes in a few large arrays, not as objects —
 * neither the context's graph (a dozen strings, an int array, the record) nor a map's entry and key — since every
 * young GC copies what survives it, and the tens of thousands of contexts the cache holds were most of what the
 * pauses copied.
 */
public final class BidCache {

    private record Generation(ContextTable contexts, long startedNanos) {
    }

    private final RedisAsyncCommands<String, String> redis;
    private final BatchedRedis bidPath;
    private final String prefix;
    private final long ttlSeconds;
    private final long generationNanos;
    private final int generationMax;
    private volatile Generation current;
    private volatile Generation previous;

    /** @param bidPath the bid path's connection, for the writes of {@link #put}; notices read on {@code redis} */
    public BidCache(RedisAsyncCommands<String, String> redis, BatchedRedis bidPath, String prefix, Duration ttl,
                    Duration localTtl, long localMaxEntries) {
        this.redis = redis;
        this.bidPath = bidPath;
        this.prefix = prefix + "ctx:";
        this.ttlSeconds = ttl.toSeconds();
        this.generationNanos = localTtl.toNanos() / 2;
        this.generationMax = (int) Math.max(1, Math.min(Integer.MAX_VALUE, localMaxEntries / 2));
        this.current = newGeneration();
        this.previous = newGeneration();
    }

    /** Keeps the context; the stage completes when Redis has it (the bid path does not wait for that). */
    public CompletionStage<String> put(BidContext context) {
        byte[] json = BidContextJson.write(context);
        remember(context.bidId(), json);
        // SET with the value's bytes as they are (the connection's codec would re-encode a String)
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).addKey(prefix + context.bidId()).add(json)
                .add(CommandKeyword.EX).add(ttlSeconds);
        return bidPath.send(r -> r.dispatch(CommandType.SET, new StatusOutput<>(StringCodec.UTF8), args));
    }

    /** The context, or null when neither cache has it (expired, or never bid). */
    public CompletionStage<BidContext> get(String bidId) {
        long key = ContextTable.key(bidId);
        byte[] hit = current.contexts().get(key);
        if (hit == null) {
            hit = previous.contexts().get(key);
        }
        if (hit != null) {
            BidContext context = BidContextJson.read(hit);
            if (context != null && bidId.equals(context.bidId())) { // else another id with the same hash
                return CompletableFuture.completedFuture(context);
            }
        }
        return redis.dispatch(CommandType.GET, new ByteArrayOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey(prefix + bidId)).thenApply(json -> {
            if (json == null) {
                return null;
            }
            BidContext context = BidContextJson.read(json);
            if (context != null) {
                remember(bidId, json);
            }
            return context;
        });
    }

    private void remember(String bidId, byte[] json) {
        long key = ContextTable.key(bidId);
        Generation g = current;
        if (System.nanoTime() - g.startedNanos() >= generationNanos || !g.contexts().put(key, json)) {
            rotate(g).contexts().put(key, json);
        }
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
        return new Generation(new ContextTable(generationMax), System.nanoTime());
    }
}
