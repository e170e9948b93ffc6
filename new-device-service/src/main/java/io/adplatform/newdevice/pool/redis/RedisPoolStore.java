package io.adplatform.newdevice.pool.redis;

import io.adplatform.newdevice.pool.PackedValue;
import io.adplatform.newdevice.pool.PoolSlot;
import io.adplatform.newdevice.pool.PoolStore;
import io.adplatform.newdevice.pool.PoolUnavailableException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.ByteArrayOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool in Redis, one HASH per bucket: key {@code <prefix><appId>:<bucket>}, field = 6 digest bytes, value = the
 * packed integer as 7 raw bytes ({@link PackedValue#toBytes}). Small hashes stay in Redis's listpack encoding (17
 * bytes per entry: 1 + 6 + 1 for the field, 1 + 7 + 1 for the value). Every command touches one
 * key and the key has no hash tag, so buckets spread over a cluster's slots; a batch goes out as one pipelined write on
 * one shared connection ({@link StatefulConnection#dispatch(java.util.Collection)}), which also keeps the commands of
 * one batch in order. Usable without Spring (the benchmark drives it directly).
 */
public final class RedisPoolStore implements PoolStore {

    /**
     * Insert-if-absent that returns the existing value. Values are raw byte strings the script passes through untouched
     * (Lua strings are binary-safe; Lua numbers, doubles, would round the 55-bit packed value).
     */
    static final String CHECK_AND_INSERT = """
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if v then return v end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return false
            """;

    /** Compare-and-set of one field; answers a string so the reply is a bulk string like the other script's. */
    static final String REPLACE_IF_UNCHANGED = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
              return '1'
            end
            return false
            """;

    private static final Logger log = LoggerFactory.getLogger(RedisPoolStore.class);
    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;

    private final StatefulConnection<byte[], byte[]> connection;
    private final String keyPrefix;
    private final long timeoutNanos;
    private final Script checkAndInsert;
    private final Script replaceIfUnchanged;

    public RedisPoolStore(StatefulConnection<byte[], byte[]> connection, String keyPrefix, Duration timeout) {
        this(connection, keyPrefix, timeout, CHECK_AND_INSERT);
    }

    /** With another script text (same behaviour): lets a test start from a script the server has never cached. */
    RedisPoolStore(StatefulConnection<byte[], byte[]> connection, String keyPrefix, Duration timeout, String script) {
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("key prefix must not be empty");
        }
        this.connection = connection;
        this.keyPrefix = keyPrefix;
        this.timeoutNanos = timeout.toNanos();
        this.checkAndInsert = Script.of(script);
        this.replaceIfUnchanged = Script.of(REPLACE_IF_UNCHANGED);
    }

    public byte[] bucketKey(String appId, int bucket) {
        return (keyPrefix + appId + ':' + bucket).getBytes(StandardCharsets.UTF_8);
    }

    /** Holds the bucket bits the app's pool was created with. Part of the pool: never delete it alone. */
    public byte[] layoutKey(String appId) {
        return (keyPrefix + appId + ":layout").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long[] insertIfAbsent(List<PoolSlot> slots, long[] values) {
        if (slots.size() != values.length) {
            throw new IllegalArgumentException("one value per slot");
        }
        byte[][] replies = evalEach(checkAndInsert, slots, i -> new byte[][] {PackedValue.toBytes(values[i])});
        long[] out = new long[replies.length];
        for (int i = 0; i < replies.length; i++) {
            out[i] = replies[i] == null ? INSERTED : PackedValue.fromBytes(replies[i]);
        }
        return out;
    }

    @Override
    public void replaceIfUnchanged(List<PoolSlot> slots, long[] expected, long[] replacement) {
        if (slots.size() != expected.length || slots.size() != replacement.length) {
            throw new IllegalArgumentException("one expected and one replacement value per slot");
        }
        evalEach(replaceIfUnchanged, slots,
                i -> new byte[][] {PackedValue.toBytes(expected[i]), PackedValue.toBytes(replacement[i])});
    }

    /**
     * Runs a script once per slot (KEYS[1] = the slot's bucket, ARGV[1] = its field, then {@code argv}) as one
     * pipelined batch, and answers the replies in order.
     */
    private byte[][] evalEach(Script script, List<PoolSlot> slots, IntFunction<byte[][]> argv) {
        List<AsyncCommand<byte[], byte[], byte[]>> commands = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            commands.add(scriptCommand(CommandType.EVALSHA, script.sha(), slots.get(i), argv.apply(i)));
        }
        dispatch(commands);
        long deadline = System.nanoTime() + timeoutNanos;

        byte[][] replies = new byte[slots.size()][];
        List<Integer> notCached = new ArrayList<>(0);
        for (int i = 0; i < commands.size(); i++) {
            try {
                replies[i] = await(commands.get(i), deadline);
            } catch (RedisNoScriptException e) {
                notCached.add(i);
            }
        }
        if (!notCached.isEmpty()) {
            // The server lost its script cache (restart, failover, SCRIPT FLUSH). A NOSCRIPT command did nothing, so
            // running it again as EVAL is safe, and EVAL caches the script on that node for the next batch.
            log.info("Redis had no cached pool script; re-sending {} commands with EVAL", notCached.size());
            List<AsyncCommand<byte[], byte[], byte[]>> retry = new ArrayList<>(notCached.size());
            for (int i : notCached) {
                retry.add(scriptCommand(CommandType.EVAL, script.text(), slots.get(i), argv.apply(i)));
            }
            dispatch(retry);
            long retryDeadline = System.nanoTime() + timeoutNanos;
            for (int r = 0; r < retry.size(); r++) {
                replies[notCached.get(r)] = await(retry.get(r), retryDeadline);
            }
        }
        return replies;
    }

    @Override
    public long[] read(List<PoolSlot> slots) {
        List<AsyncCommand<byte[], byte[], byte[]>> commands = new ArrayList<>(slots.size());
        for (PoolSlot slot : slots) {
            CommandArgs<byte[], byte[]> args =
                    new CommandArgs<>(CODEC).addKey(bucketKey(slot.appId(), slot.bucket())).addValue(slot.field());
            commands.add(command(CommandType.HGET, args));
        }
        dispatch(commands);
        long deadline = System.nanoTime() + timeoutNanos;
        long[] out = new long[slots.size()];
        for (int i = 0; i < commands.size(); i++) {
            byte[] value = await(commands.get(i), deadline);
            out[i] = value == null ? ABSENT : PackedValue.fromBytes(value);
        }
        return out;
    }

    @Override
    public Map<String, Integer> pinBucketBits(Map<String, Integer> proposed) {
        List<String> apps = new ArrayList<>(proposed.keySet());
        List<AsyncCommand<byte[], byte[], byte[]>> commands = new ArrayList<>(apps.size());
        for (String app : apps) {
            // SET NX GET (Redis 7.0+): sets when absent, and answers the value that was there in the same step.
            CommandArgs<byte[], byte[]> args = new CommandArgs<>(CODEC).addKey(layoutKey(app))
                    .addValue(Integer.toString(proposed.get(app)).getBytes(StandardCharsets.US_ASCII))
                    .add("NX").add("GET");
            commands.add(command(CommandType.SET, args));
        }
        dispatch(commands);
        long deadline = System.nanoTime() + timeoutNanos;
        Map<String, Integer> pinned = new HashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            byte[] existing = await(commands.get(i), deadline);
            int want = proposed.get(apps.get(i));
            int bits = existing == null ? want : parseBits(existing);
            if (bits != want) {
                log.warn("App {} keeps the pool layout it was created with ({} bucket bits, configured {}); "
                        + "re-bucketing needs a migration", apps.get(i), bits, want);
            }
            pinned.put(apps.get(i), bits);
        }
        return pinned;
    }

    @Override
    public OptionalInt bucketBits(String appId) {
        AsyncCommand<byte[], byte[], byte[]> get =
                command(CommandType.GET, new CommandArgs<>(CODEC).addKey(layoutKey(appId)));
        dispatch(List.of(get));
        byte[] value = await(get, System.nanoTime() + timeoutNanos);
        return value == null ? OptionalInt.empty() : OptionalInt.of(parseBits(value));
    }

    /**
     * Removes an app's whole pool (every bucket, then the layout key), one UNLINK per key so it works on a cluster.
     * For benchmarks and tests; the service never calls it.
     *
     * @return the number of keys that existed
     */
    public long deleteApp(String appId) {
        OptionalInt bits = bucketBits(appId);
        if (bits.isEmpty()) {
            return 0;
        }
        List<byte[]> keys = new ArrayList<>();
        for (int b = 0; b < 1 << bits.getAsInt(); b++) {
            keys.add(bucketKey(appId, b));
        }
        keys.add(layoutKey(appId));
        long removed = 0;
        for (int from = 0; from < keys.size(); from += 10_000) {
            List<AsyncCommand<byte[], byte[], Long>> commands = new ArrayList<>();
            for (byte[] key : keys.subList(from, Math.min(keys.size(), from + 10_000))) {
                commands.add(new AsyncCommand<>(new Command<>(CommandType.UNLINK, new IntegerOutput<>(CODEC),
                        new CommandArgs<>(CODEC).addKey(key))));
            }
            dispatch(commands);
            long deadline = System.nanoTime() + timeoutNanos;
            for (AsyncCommand<byte[], byte[], Long> command : commands) {
                removed += await(command, deadline);
            }
        }
        return removed;
    }

    private AsyncCommand<byte[], byte[], byte[]> scriptCommand(CommandType type, byte[] scriptOrSha, PoolSlot slot,
            byte[][] argv) {
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(CODEC).add(scriptOrSha).add(1)
                .addKey(bucketKey(slot.appId(), slot.bucket()))
                .addValue(slot.field());
        for (byte[] arg : argv) {
            args.addValue(arg);
        }
        return command(type, args);
    }

    private static AsyncCommand<byte[], byte[], byte[]> command(CommandType type, CommandArgs<byte[], byte[]> args) {
        return new AsyncCommand<>(new Command<>(type, new ByteArrayOutput<>(CODEC), args));
    }

    private void dispatch(List<? extends AsyncCommand<byte[], byte[], ?>> commands) {
        try {
            connection.dispatch(commands);
        } catch (RuntimeException e) {
            throw new PoolUnavailableException("Redis refused the batch: " + e.getMessage(), e);
        }
    }

    /** The command's answer; a NOSCRIPT refusal is rethrown as is (only scripts can get it), other failures wrapped. */
    private static <T> T await(AsyncCommand<byte[], byte[], T> command, long deadlineNanos) {
        try {
            return command.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException noScript) {
                throw noScript;
            }
            throw new PoolUnavailableException("Redis failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PoolUnavailableException("Redis did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolUnavailableException("interrupted while waiting for Redis", e);
        }
    }

    /** A layout key holds the bucket bits as decimal text; anything else means someone else wrote into our keys. */
    private static int parseBits(byte[] ascii) {
        String text = new String(ascii, StandardCharsets.US_ASCII);
        if (!text.matches("[0-9]{1,2}")) {
            throw new IllegalStateException("not a pool layout: " + text);
        }
        return Integer.parseInt(text);
    }

    /** A Lua script and its SHA-1, the name EVALSHA knows it by. */
    private record Script(byte[] text, byte[] sha) {
        static Script of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            try {
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
                return new Script(bytes, sha.getBytes(StandardCharsets.US_ASCII));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required by every JVM", e);
            }
        }
    }
}
