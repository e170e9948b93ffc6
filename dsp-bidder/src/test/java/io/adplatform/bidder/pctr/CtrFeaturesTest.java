package io.adplatform.bidder.pctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CtrFeaturesTest {

    static final FeatureContext CTX = new FeatureContext("c1", "cr1", "com.example.game", "tag-7", "DEU", "Android",
            4, 2, 21, "BANNER_320x50");

    @Test
    void referenceMurmur3MatchesPublishedVectors() {
        assertThat(murmur3(new byte[0], 0)).isEqualTo(0);
        assertThat(murmur3(new byte[0], 1)).isEqualTo(0x514E28B7);
        assertThat(murmur3("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(0x2E4FF723);
    }

    @Test
    void streamingHashIsMurmur3OfTheUtf16Text() {
        for (String text : new String[] {"", "a", "ab", "cmp=c1", "site=ünïcödé.example", "crv*fmt=x\u001fVIDEO"}) {
            CtrFeatures.Murmur3 m = new CtrFeatures.Murmur3();
            m.put(text, false);
            assertThat(m.finish()).as(text).isEqualTo(murmur3(text.getBytes(StandardCharsets.UTF_16LE), 0));
        }
    }

    @Test
    void eachFeatureIsTheMurmurOfItsNameAndValue() {
        int bits = 18;
        int[] f = CtrFeatures.hash(bits, CTX);
        int mask = (1 << bits) - 1;
        assertThat(f).hasSize(CtrFeatures.COUNT);
        assertThat(f[0]).isEqualTo(utf16Murmur("cmp=c1") & mask);
        assertThat(f[2]).isEqualTo(utf16Murmur("site=com.example.game") & mask);
        assertThat(f[5]).as("case folded").isEqualTo(utf16Murmur("os=android") & mask);
        assertThat(f[6]).isEqualTo(utf16Murmur("dev=4") & mask);
        assertThat(f[8]).isEqualTo(utf16Murmur("hour=21") & mask);
        assertThat(f[10]).isEqualTo(utf16Murmur("cmp*site=c1\u001fcom.example.game") & mask);
        assertThat(f[13]).isEqualTo(utf16Murmur("crv*fmt=cr1\u001fbanner_320x50") & mask);
        assertThat(new HashSet<>(Arrays.stream(f).boxed().toList())).as("no collisions in a 2^18 space here")
                .hasSize(CtrFeatures.COUNT);
    }

    @Test
    void missingValuesHashAsUnknown() {
        FeatureContext nulls = new FeatureContext(null, null, null, null, null, null, 0, 0, -1, null);
        FeatureContext empties = new FeatureContext("", "", "", "", "", "", -3, 0, 24, "");
        int[] a = CtrFeatures.hash(20, nulls);
        assertThat(a).isEqualTo(CtrFeatures.hash(20, empties));
        int mask = (1 << 20) - 1;
        assertThat(a[0]).isEqualTo(utf16Murmur("cmp=?") & mask);
        assertThat(a[6]).isEqualTo(utf16Murmur("dev=?") & mask);
        assertThat(a[8]).isEqualTo(utf16Murmur("hour=?") & mask);
        assertThat(CtrFeatures.hash(20, new FeatureContext(null, null, null, null, null, null, 0, 0, 0, null))[8])
                .as("hour 0 is a real hour").isEqualTo(utf16Murmur("hour=0") & mask);
    }

    @Test
    void fillsACallerArrayWithinTheSpace() {
        int[] out = new int[CtrFeatures.COUNT];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            CtrFeatures.hash(10, new FeatureContext("c" + i, "cr" + i, "s" + i, "p", "USA", "iOS", 1, 2, i % 24,
                    "VIDEO"), out);
            for (int f : out) {
                assertThat(f).isBetween(0, 1023);
                seen.add(f);
            }
        }
        assertThat(seen.size()).as("spread over the space").isGreaterThan(900);
        assertThatThrownBy(() -> CtrFeatures.hash(0, CTX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CtrFeatures.hash(20, CTX, new int[3])).isInstanceOf(IllegalArgumentException.class);
    }

    private static int utf16Murmur(String s) {
        return murmur3(s.getBytes(StandardCharsets.UTF_16LE), 0);
    }

    /** Textbook MurmurHash3_x86_32 over bytes, to check the streaming version against. */
    static int murmur3(byte[] data, int seed) {
        int h = seed;
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = buf.getInt(i * 4);
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                k ^= data[tail] & 0xff;
                k *= 0xcc9e2d51;
                k = Integer.rotateLeft(k, 15);
                k *= 0x1b873593;
                h ^= k;
            default:
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
