package io.adplatform.loadgen.newdevice;

import io.adplatform.newdevice.pool.redis.RedisPoolStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks of new-device-service's activation pool. Two modes:
 *
 * <pre>
 * memory  [--devices 1000000] [--mixes single,android3,blend] [--bucket-bits 16] [--redis redis://127.0.0.1:6379]
 *         [--batch 1000] [--threads 4]
 *     Inserts the devices into a fresh key prefix through the service's pool + Redis adapter, reports bytes per device
 *     (sum of MEMORY USAGE over every pool key) and devices/s, then deletes its keys. --bucket-bits takes a list.
 *
 * http    [--url http://127.0.0.1:8082] [--token local-dev-service-token] [--clients 4] [--batch 500]
 *         [--duration 30s] [--warmup 10s] [--mix blend] [--known-share 0.5] [--app bench-app-http]
 *         [--cleanup-prefix np:] [--redis redis://127.0.0.1:6379]
 *     Drives the HTTP batch API of a running service; reports devices/s and p50/p99 batch latency. With
 *     --cleanup-prefix (the service's key prefix) it deletes every key of the benchmark app afterwards.
 * </pre>
 * The exact commands and the measured figures are in docs/performance-new-device.md.
 */
public final class ActivationPoolBenchmark {

    private ActivationPoolBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || !List.of("memory", "http").contains(argv[0])) {
            System.err.println("usage: ActivationPoolBenchmark memory|http [--option value ...] (see class javadoc)");
            System.exit(2);
        }
        Args args = new Args(Arrays.asList(argv).subList(1, argv.length));
        RedisClient redis = RedisClient.create(args.text("redis", "redis://127.0.0.1:6379"));
        try {
            if (argv[0].equals("memory")) {
                memory(redis, args);
            } else {
                http(redis, args);
            }
        } finally {
            redis.shutdown();
        }
    }

    private static void memory(RedisClient redis, Args args) throws Exception {
        long devices = args.integer("devices", 1_000_000);
        int[] bits = Arrays.stream(args.text("bucket-bits", "16").split(",")).mapToInt(Integer::parseInt).toArray();
        List<DeviceMix> mixes = Arrays.stream(args.text("mixes", "single,android3,blend").split(","))
                .map(DeviceMix::parse).toList();
        PoolMemoryBenchmark benchmark = new PoolMemoryBenchmark(redis, args.integer("batch", 1000),
                args.integer("threads", 4));
        try (StatefulRedisConnection<String, String> info = redis.connect()) {
            Map<String, String> config = info.sync().configGet("hash-max-listpack-entries");
            System.out.printf("Redis %s, hash-max-listpack-entries=%s (read only; never changed by this benchmark)%n",
                    info.sync().info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                            .orElse("?").substring("redis_version:".length()).trim(),
                    config.get("hash-max-listpack-entries"));
        }
        System.out.println("mix       bits  devices    entries    ids/dev  insert dev/s  keys    fullest  "
                + "non-listpack  bytes        bytes/device  bytes/entry");
        for (DeviceMix mix : mixes) {
            for (int b : bits) {
                PoolMemoryBenchmark.Result r = benchmark.run(mix, b, devices);
                System.out.printf("%-9s %4d  %,9d  %,9d  %7.2f  %,12.0f  %,6d  %7d  %12d  %,11d  %12.1f  %11.1f%n",
                        mix.name().toLowerCase(), b, r.devices(), r.entries(), (double) r.entries() / r.devices(),
                        r.devicesPerSecond(), r.keys(), r.fullestBucket(), r.notListpack(), r.bytes(),
                        r.bytesPerDevice(), (double) r.bytes() / r.entries());
            }
        }
    }

    /**
     * SCAN + UNLINK of every key under the benchmark app's own prefix. Not {@link RedisPoolStore#deleteApp}: that
     * follows the layout key, and a service that cached the layout keeps writing buckets after a previous clean-up.
     */
    private static void deleteAppKeys(RedisClient redis, String keyPrefix) {
        if (keyPrefix.length() < 4 || keyPrefix.contains("*") || keyPrefix.contains("?") || keyPrefix.contains("[")) {
            throw new IllegalArgumentException("refusing to delete keys matching " + keyPrefix + "*");
        }
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            RedisCommands<String, String> sync = connection.sync();
            long removed = 0;
            for (String key : ScanIterator.scan(sync, ScanArgs.Builder.matches(keyPrefix + "*").limit(1000))
                    .stream().toList()) {
                removed += sync.unlink(key);
            }
            System.out.printf("deleted %,d keys matching %s*%n", removed, keyPrefix);
        }
    }

    private static void http(RedisClient redis, Args args) throws Exception {
        String app = args.text("app", "bench-app-http");
        CheckThroughputBenchmark benchmark = new CheckThroughputBenchmark(
                URI.create(args.text("url", "http://127.0.0.1:8082")),
                args.text("token", "local-dev-service-token"), app, DeviceMix.parse(args.text("mix", "blend")),
                args.integer("clients", 4), args.integer("batch", 500), args.decimal("known-share", 0.5));
        Duration warmUp = args.duration("warmup", Duration.ofSeconds(10));
        Duration measured = args.duration("duration", Duration.ofSeconds(30));
        try {
            CheckThroughputBenchmark.Result r = benchmark.run(warmUp, measured);
            System.out.printf("clients=%d batch=%d measured=%.0fs batches=%,d checks=%,d new=%,d errors=%d%n",
                    r.clients(), r.batchSize(), r.seconds(), r.batches(), r.checks(), r.newDevices(), r.errors());
            System.out.printf("throughput: %,.0f devices/s; batch latency p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                    r.devicesPerSecond(), r.p50Micros() / 1e3, r.p99Micros() / 1e3, r.maxMicros() / 1e3);
        } finally {
            String prefix = args.text("cleanup-prefix", null);
            if (prefix != null) {
                deleteAppKeys(redis, prefix + app + ":");
            }
        }
    }
}
