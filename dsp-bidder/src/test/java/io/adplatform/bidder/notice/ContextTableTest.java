package io.adplatform.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextTableTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsCopiesOfWhatItIsGivenUntilItsBound() {
        ContextTable table = new ContextTable(3);
        byte[] a = bytes("{\"bidId\":\"a\"}");
        assertThat(table.put(1, a)).isTrue();
        a[0] = 'x'; // the table kept a copy
        assertThat(table.get(1)).isEqualTo(bytes("{\"bidId\":\"a\"}"));
        assertThat(table.put(2, bytes("b"))).isTrue();
        assertThat(table.put(2, bytes("b2"))).as("the same key again replaces, and counts once").isTrue();
        assertThat(table.get(2)).isEqualTo(bytes("b2"));
        assertThat(table.full()).isFalse();
        assertThat(table.put(-1, bytes("minus one"))).isTrue();
        assertThat(table.get(-1)).isEqualTo(bytes("minus one"));
        assertThat(table.full()).isTrue();
        assertThat(table.put(4, bytes("d"))).isFalse();
        assertThat(table.get(4)).isNull();
        assertThat(table.get(5)).isNull();
    }

    @Test
    void manyEntriesAcrossChunksAndCollidingSlotsReadBackExactly() {
        Random random = new Random(5);
        ContextTable table = new ContextTable(20_000);
        Map<Long, byte[]> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            long key = i % 3 == 0 ? (long) (i + 1) << 32 : random.nextLong() | 1; // some differ in their high half only
            byte[] value = new byte[1 + random.nextInt(1500)];
            random.nextBytes(value);
            assertThat(table.put(key, value)).isTrue();
            expected.put(key, value);
        }
        assertThat(table.full()).isTrue();
        expected.forEach((key, value) -> assertThat(table.get(key)).isEqualTo(value));
    }

    @Test
    void refusesAValueLargerThanAChunk() {
        ContextTable table = new ContextTable(10);
        assertThat(table.put(1, new byte[ContextTable.CHUNK + 1])).isFalse();
        assertThat(table.put(1, new byte[ContextTable.CHUNK])).isTrue();
        assertThat(table.get(1)).hasSize(ContextTable.CHUNK);
    }

    @Test
    void bidIdsHashApart() {
        assertThat(ContextTable.key("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
                .isNotEqualTo(ContextTable.key("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"));
        assertThat(ContextTable.key("bid-1")).isEqualTo(ContextTable.key("bid-1")).isNotZero();
        assertThatThrownBy(() -> new ContextTable(1).put(0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
