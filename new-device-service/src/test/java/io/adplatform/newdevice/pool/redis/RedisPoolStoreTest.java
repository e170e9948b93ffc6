package io.adplatform.newdevice.pool.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.newdevice.pool.PackedValue;
import io.adplatform.newdevice.pool.PoolDigest;
import io.adplatform.newdevice.pool.PoolSlot;
import io.adplatform.newdevice.pool.PoolStore;
import io.adplatform.newdevice.pool.PoolUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis adapter against the machine's real Redis, under a key prefix of its own. */
class RedisPoolStoreTest {

    private static final String PREFIX = "test-np-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    private static RedisClient client;
    private static StatefulRedisConnection<byte[], byte[]> connection;
    private static StatefulRedisConnection<String, String> plain;
    private static RedisPoolStore store;

    @BeforeAll
    static void connect() {
        client = RedisClient.create("redis://127.0.0.1:6379");
        connection = client.connect(ByteArrayCodec.INSTANCE);
        plain = client.connect();
        store = new RedisPoolStore(connection, PREFIX, Duration.ofSeconds(2));
    }

    @AfterAll
    static void cleanUp() {
        RedisCommands<String, String> redis = plain.sync();
        keys(PREFIX + "*").forEach(redis::unlink);
        client.shutdown();
    }

    @Test
    void insertsOnceThenAnswersTheStoredValueExactly() {
        // 55 bits: a Lua number (double) would round it, so this also proves values never pass through Lua numbers.
        long value = PackedValue.pack(1_795_000_123L, 0xFFFFFF);
        PoolSlot slot = new PoolSlot("app-insert", 3, bytes(PoolDigest.FIELD_BYTES, 1));

        long[] first = store.insertIfAbsent(List.of(slot), new long[] {value});
        long[] second = store.insertIfAbsent(List.of(slot), new long[] {PackedValue.pack(1_900_000_000L, 1)});

        assertThat(first).containsExactly(PoolStore.INSERTED);
        assertThat(second).containsExactly(value);
        assertThat(store.read(List.of(slot, new PoolSlot("app-insert", 3, bytes(PoolDigest.FIELD_BYTES, 2)))))
                .containsExactly(value, PoolStore.ABSENT);
        assertThat(plain.sync().hlen(PREFIX + "app-insert:3")).isEqualTo(1);
    }

    @Test
    void aBatchIsAnsweredInOrderAndBucketsStayListpacks() {
        List<PoolSlot> slots = new ArrayList<>();
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            slots.add(new PoolSlot("app-batch", 7, bytes(PoolDigest.FIELD_BYTES, 1000 + i)));
            values[i] = PackedValue.pack(1_790_000_000L + i, i);
        }
        store.insertIfAbsent(slots, values);

        long[] again = store.insertIfAbsent(slots, new long[100]);

        assertThat(again).containsExactly(values);
        assertThat(plain.sync().objectEncoding(PREFIX + "app-batch:7")).isEqualTo("listpack");
        assertThat(connection.sync().hget((PREFIX + "app-batch:7").getBytes(StandardCharsets.UTF_8), bytes(PoolDigest.FIELD_BYTES, 1042)))
                .as("7 raw bytes: seconds, then tag").isEqualTo(PackedValue.toBytes(values[42]));
    }

    @Test
    void recoversWhenTheServerDoesNotHaveTheScriptCached() throws Exception {
        // A script text no server has seen: its first EVALSHA gets NOSCRIPT, exactly like after a Redis restart.
        String fresh = RedisPoolStore.CHECK_AND_INSERT + "-- " + UUID.randomUUID() + "\n";
        String sha = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-1").digest(fresh.getBytes(StandardCharsets.UTF_8)));
        RedisPoolStore freshStore = new RedisPoolStore(connection, PREFIX, Duration.ofSeconds(2), fresh);
        List<PoolSlot> slots = List.of(new PoolSlot("app-noscript", 1, bytes(PoolDigest.FIELD_BYTES, 1)),
                new PoolSlot("app-noscript", 2, bytes(PoolDigest.FIELD_BYTES, 2)));
        assertThat(plain.sync().scriptExists(sha)).containsExactly(false);

        long[] first = freshStore.insertIfAbsent(slots, new long[] {11, 22});
        long[] second = freshStore.insertIfAbsent(slots, new long[] {33, 44});

        assertThat(first).containsExactly(PoolStore.INSERTED, PoolStore.INSERTED);
        assertThat(second).containsExactly(11, 22);
        assertThat(plain.sync().scriptExists(sha)).containsExactly(true);
    }

    @Test
    void theFirstLayoutPinnedForAnAppWins() {
        assertThat(store.bucketBits("app-layout")).isEmpty();

        assertThat(store.pinBucketBits(Map.of("app-layout", 5))).containsEntry("app-layout", 5);
        assertThat(store.pinBucketBits(Map.of("app-layout", 9, "app-layout-2", 3)))
                .containsEntry("app-layout", 5).containsEntry("app-layout-2", 3);
        assertThat(store.bucketBits("app-layout")).hasValue(5);
    }

    @Test
    void deleteAppRemovesEveryBucketAndTheLayout() {
        store.pinBucketBits(Map.of("app-delete", 2));
        List<PoolSlot> slots = List.of(new PoolSlot("app-delete", 0, bytes(PoolDigest.FIELD_BYTES, 1)), new PoolSlot("app-delete", 3, bytes(PoolDigest.FIELD_BYTES, 2)));
        store.insertIfAbsent(slots, new long[] {1, 2});

        assertThat(store.deleteApp("app-delete")).isEqualTo(3);
        assertThat(keys(PREFIX + "app-delete:*")).isEmpty();
    }

    @Test
    void replaceIfUnchangedOnlyReplacesTheExpectedValue() {
        PoolSlot slot = new PoolSlot("app-cas", 1, bytes(PoolDigest.FIELD_BYTES, 1));
        long original = PackedValue.pack(1_795_000_000L, 7);
        store.insertIfAbsent(List.of(slot), new long[] {original});

        store.replaceIfUnchanged(List.of(slot), new long[] {original + 1}, new long[] {1});
        assertThat(store.read(List.of(slot))).containsExactly(original);

        long earlier = PackedValue.pack(1_700_000_000L, 7);
        store.replaceIfUnchanged(List.of(slot), new long[] {original}, new long[] {earlier});
        assertThat(store.read(List.of(slot))).containsExactly(earlier);
    }

    @Test
    void aRedisThatDoesNotAnswerInTimeMakesThePoolUnavailable() {
        StatefulRedisConnection<byte[], byte[]> blocked = client.connect(ByteArrayCodec.INSTANCE);
        try {
            // Redis answers a connection's commands in order: a BLPOP on an empty list of our own holds the batch back.
            blocked.async().blpop(2, (PREFIX + "never-filled").getBytes(StandardCharsets.UTF_8));
            RedisPoolStore slow = new RedisPoolStore(blocked, PREFIX, Duration.ofMillis(200));

            assertThatThrownBy(() -> slow.insertIfAbsent(List.of(new PoolSlot("app-slow", 0, bytes(PoolDigest.FIELD_BYTES, 1))),
                    new long[] {1})).isInstanceOf(PoolUnavailableException.class).hasMessageContaining("in time");
        } finally {
            blocked.close();
        }
    }

    private static List<String> keys(String pattern) {
        return ScanIterator.scan(plain.sync(), ScanArgs.Builder.matches(pattern).limit(1000)).stream().toList();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed >>> (8 * (i % 4)) ^ (i * 31));
        }
        return out;
    }
}
