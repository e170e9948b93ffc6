package io.adplatform.loadgen.newdevice;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.EventIds;
import io.adplatform.newdevice.pool.ActivationPool;
import io.adplatform.newdevice.pool.BucketSizing;
import io.adplatform.newdevice.pool.CheckOutcome;
import io.adplatform.newdevice.pool.CheckResult;
import io.adplatform.newdevice.pool.redis.RedisPoolStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a fresh key prefix of the local Redis with N devices through the service's own pool and Redis adapter, then
 * measures the pool's exact size as the sum of {@code MEMORY USAGE key SAMPLES 0} over all its keys (independent of
 * whatever else the shared Redis holds), and deletes it again.
 */
final class PoolMemoryBenchmark {

    private static final String APP = "bench-app";

    record Result(DeviceMix mix, int bucketBits, long devices, long entries, double insertSeconds, long bytes,
            long keys, long fullestBucket, long notListpack) {

        double bytesPerDevice() {
            return (double) bytes / devices;
        }

        double devicesPerSecond() {
            return devices / insertSeconds;
        }
    }

    private final RedisClient client;
    private final int batchSize;
    private final int threads;

    PoolMemoryBenchmark(RedisClient client, int batchSize, int threads) {
        this.client = client;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    Result run(DeviceMix mix, int bucketBits, long devices) throws Exception {
        String prefix = "bench-np-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisPoolStore store = new RedisPoolStore(connection, prefix, Duration.ofSeconds(30));
            ActivationPool pool = new ActivationPool(store, new BucketSizing(bucketBits, Map.of()), Clock.systemUTC());
            try {
                long start = System.nanoTime();
                long entries = insert(pool, mix, devices);
                double seconds = (System.nanoTime() - start) / 1e9;
                return measure(store, mix, bucketBits, devices, entries, seconds);
            } finally {
                store.deleteApp(APP);
            }
        }
    }

    /** Several threads, each sending whole batches, so Redis always has a pipeline to work on. */
    private long insert(ActivationPool pool, DeviceMix mix, long devices) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong entries = new AtomicLong();
        Instant occurredAt = Instant.parse("2026-11-01T00:00:00Z");
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    List<ActivationCheck> checks = new ArrayList<>(batchSize);
                    for (long from; (from = next.getAndAdd(batchSize)) < devices; ) {
                        checks.clear();
                        for (long i = from; i < Math.min(devices, from + batchSize); i++) {
                            ActivationCheck check = new ActivationCheck(APP, mix.platform(i), mix.device(i),
                                    EventIds.newId(), occurredAt.plusSeconds(i % 86_400));
                            checks.add(check);
                            entries.addAndGet(DeviceKeys
                                    .ordered(check.platform(), check.device()).size());
                        }
                        for (CheckOutcome outcome : pool.check(checks)) {
                            if (outcome.result() != CheckResult.NEW) {
                                // Every device is distinct: anything else is a digest collision or a bug.
                                throw new IllegalStateException("device answered " + outcome.result());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }
        return entries.get();
    }

    private Result measure(RedisPoolStore store, DeviceMix mix, int bucketBits, long devices, long entries,
            double seconds) throws Exception {
        long bytes = 0;
        long keys = 0;
        long fullest = 0;
        long notListpack = 0;
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            connection.setAutoFlushCommands(false);
            RedisAsyncCommands<byte[], byte[]> redis = connection.async();
            List<byte[]> all = new ArrayList<>();
            for (int b = 0; b < 1 << bucketBits; b++) {
                all.add(store.bucketKey(APP, b));
            }
            all.add(store.layoutKey(APP));
            for (int from = 0; from < all.size(); from += 5_000) {
                List<byte[]> chunk = all.subList(from, Math.min(all.size(), from + 5_000));
                List<RedisFuture<Long>> usage = new ArrayList<>();
                List<RedisFuture<Long>> lengths = new ArrayList<>();
                List<RedisFuture<String>> encodings = new ArrayList<>();
                for (byte[] key : chunk) {
                    usage.add(redis.dispatch(CommandType.MEMORY, new IntegerOutput<>(ByteArrayCodec.INSTANCE),
                            new CommandArgs<>(ByteArrayCodec.INSTANCE).add("USAGE").addKey(key).add("SAMPLES").add(0)));
                    lengths.add(redis.hlen(key));
                    encodings.add(redis.objectEncoding(key));
                }
                connection.flushCommands();
                for (int i = 0; i < chunk.size(); i++) {
                    Long size = usage.get(i).get(30, TimeUnit.SECONDS);
                    if (size == null) {
                        continue; // empty bucket: no key
                    }
                    keys++;
                    bytes += size;
                    if (i + from < all.size() - 1) {
                        fullest = Math.max(fullest, lengths.get(i).get(30, TimeUnit.SECONDS));
                        if (!"listpack".equals(encodings.get(i).get(30, TimeUnit.SECONDS))) {
                            notListpack++;
                        }
                    }
                }
            }
        }
        return new Result(mix, bucketBits, devices, entries, seconds, bytes, keys, fullest, notListpack);
    }
}
