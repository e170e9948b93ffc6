package io.adplatform.bidder.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Networks of both families: edges, merging, files, and whatever is not an address. */
class IpRangesTest {

    @Test
    void ipv4NetworkContainsItsFirstAndLastAddressOnly() {
        IpRanges ranges = IpRanges.of(List.of("10.1.2.0/24", "172.16.0.0/12", "8.8.8.8"));

        assertThat(ranges.contains("10.1.2.0")).isTrue();
        assertThat(ranges.contains("10.1.2.255")).isTrue();
        assertThat(ranges.contains("10.1.1.255")).isFalse();
        assertThat(ranges.contains("10.1.3.0")).isFalse();
        assertThat(ranges.contains("172.16.0.0")).isTrue();
        assertThat(ranges.contains("172.31.255.255")).isTrue();
        assertThat(ranges.contains("172.32.0.0")).isFalse();
        assertThat(ranges.contains("8.8.8.8")).isTrue();
        assertThat(ranges.contains("8.8.8.9")).isFalse();
        assertThat(ranges.contains("8.8.8.7")).isFalse();
    }

    @Test
    void extremesOfTheAddressSpace() {
        IpRanges ends = IpRanges.of(List.of("0.0.0.0/8", "255.255.255.255/32", "::/128", "ffff::/16"));

        assertThat(ends.contains("0.0.0.0")).isTrue();
        assertThat(ends.contains("0.255.255.255")).isTrue();
        assertThat(ends.contains("1.0.0.0")).isFalse();
        assertThat(ends.contains("255.255.255.255")).isTrue();
        assertThat(ends.contains("255.255.255.254")).isFalse();
        assertThat(ends.contains("::")).isTrue();
        assertThat(ends.contains("::1")).isFalse();
        assertThat(ends.contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(ends.contains("fffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isFalse();

        IpRanges everything = IpRanges.of(List.of("0.0.0.0/0", "::/0"));
        assertThat(everything.rangeCount()).isEqualTo(2);
        assertThat(everything.contains("203.0.113.9")).isTrue();
        assertThat(everything.contains("2001:db8::1")).isTrue();
    }

    @Test
    void ipv6NetworksInAnyNotation() {
        IpRanges ranges = IpRanges.of(List.of("2001:db8:abcd::/48", "2001:DB8:0:0:8:800:200C:417A", "fe80::/10"));

        assertThat(ranges.contains("2001:db8:abcd::")).isTrue();
        assertThat(ranges.contains("2001:db8:abcd:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(ranges.contains("2001:0db8:abcd:0012:0000:0000:0000:0001")).isTrue();
        assertThat(ranges.contains("2001:db8:abce::")).isFalse();
        assertThat(ranges.contains("2001:db8:abcc:ffff:ffff:ffff:ffff:ffff")).isFalse();
        assertThat(ranges.contains("2001:db8::8:800:200c:417a")).isTrue();
        assertThat(ranges.contains("2001:db8::8:800:200c:417b")).isFalse();
        assertThat(ranges.contains("febf:ffff::1")).isTrue();
        assertThat(ranges.contains("fec0::")).isFalse();
    }

    @Test
    void ipv4MappedAddressesAndNetworksCountAsIpv4() {
        IpRanges ranges = IpRanges.of(List.of("192.0.2.0/24", "::ffff:198.51.100.0/120"));

        assertThat(ranges.contains("::ffff:192.0.2.77")).isTrue();
        assertThat(ranges.contains("::ffff:c000:0201")).isTrue();
        assertThat(ranges.contains("198.51.100.200")).isTrue();
        assertThat(ranges.contains("::ffff:192.0.3.1")).isFalse();
        assertThat(ranges.contains("::192.0.2.1")).as("IPv4-compatible is not IPv4-mapped").isFalse();
    }

    @Test
    void overlappingAndAdjacentNetworksMerge() {
        IpRanges ranges = IpRanges.of(List.of("10.0.0.0/25", "10.0.0.128/25", "10.0.0.64/26", "10.0.1.0/24",
                "10.0.3.0/24", "2001:db8::/33", "2001:db8:8000::/33", "2001:db8:1234::/48", "2001:db9::/32"));

        // 10.0.0.0-10.0.1.255 and 10.0.3.0/24; 2001:db8::/32 + 2001:db9::/32 touch
        assertThat(ranges.rangeCount()).isEqualTo(3);
        assertThat(ranges.contains("10.0.1.255")).isTrue();
        assertThat(ranges.contains("10.0.2.0")).isFalse();
        assertThat(ranges.contains("10.0.3.1")).isTrue();
        assertThat(ranges.contains("2001:db9:ffff::1")).isTrue();
        assertThat(ranges.contains("2001:dba::")).isFalse();
    }

    @Test
    void hostBitsBelowThePrefixAreIgnored() {
        assertThat(IpRanges.of(List.of("10.9.8.7/8")).contains("10.200.0.1")).isTrue();
        assertThat(IpRanges.of(List.of("2001:db8::1/32")).contains("2001:db8:ffff::")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "10.0.0", "10.0.0.1.2", "10.0.0.256", "010.0.0.1",
            "10.0.0.01", "10..0.1", "10.0.0.1 ", " 10.0.0.1", "10.0.0.1/8", "10.0.0.1:8080", "1.2.3.-4", "١٠.0.0.1",
            ":", ":::", "::g", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "[::1]", "fe80::1%eth0",
            "::ffff:10.0.0.256", "::10.0.0.1:1", "1:2:3:4:5:6:7::8", "1:", ":1"})
    void notAnAddressIsNotContained(String text) {
        IpRanges everything = IpRanges.of(List.of("0.0.0.0/0", "::/0"));

        assertThat(everything.contains(text)).isFalse();
        assertThat(everything.contains(null)).isFalse();
        assertThat(IpAddresses.toBytes(text)).isNull();
    }

    @Test
    void badNetworksAreRefusedByName() {
        assertThatThrownBy(() -> IpRanges.of(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> IpRanges.of(List.of("2001:db8::/129"))).hasMessageContaining("2001:db8::/129");
        assertThatThrownBy(() -> IpRanges.of(List.of("10.0.0.0/x"))).hasMessageContaining("10.0.0.0/x");
        assertThatThrownBy(() -> IpRanges.of(List.of("hosting.example/24"))).hasMessageContaining("hosting.example");
    }

    @Test
    void loadsAFileWithComments() throws IOException {
        IpRanges ranges = IpRanges.load(Path.of("src/test/resources/traffic/data-centres.txt"));

        assertThat(ranges.rangeCount()).isEqualTo(5);
        assertThat(ranges.contains("192.0.2.200")).isTrue();
        assertThat(ranges.contains("198.51.100.1")).isTrue();
        assertThat(ranges.contains("203.0.113.7")).isTrue();
        assertThat(ranges.contains("203.0.113.8")).isFalse();
        assertThat(ranges.contains("2001:db8:dcff:1::9")).isTrue();
        assertThat(ranges.contains("2001:db8:beee::1")).isFalse();
        assertThat(IpRanges.EMPTY.contains("192.0.2.200")).isFalse();
    }

    @Test
    void parsesEveryNotationLikeTheJdk() throws IOException {
        Random random = new Random(42);
        long[] parsed = new long[2];
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            for (int g = 0; g < 8; g++) {
                if (random.nextInt(3) == 0) { // runs of zero groups, for "::"
                    bytes[2 * g] = 0;
                    bytes[2 * g + 1] = 0;
                }
            }
            String text = notation(bytes, random);

            assertThat(IpAddresses.parseIpv6(text, parsed)).as(text).isTrue();
            byte[] expected = InetAddress.getByName(text).getAddress(); // a literal: no lookup
            assertThat(IpAddresses.toBytes(text)).as(text).isEqualTo(expected);
        }
    }

    /** Full, zero-compressed or dotted-tail text of the address, in random case. */
    private static String notation(byte[] b, Random random) {
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 8; g++) {
            groups.add(Integer.toHexString((b[2 * g] & 0xFF) << 8 | (b[2 * g + 1] & 0xFF)));
        }
        boolean dotted = random.nextInt(4) == 0;
        if (dotted) {
            groups = groups.subList(0, 6);
        }
        String text = String.join(":", groups);
        if (random.nextBoolean()) { // compress the longest run of zero groups
            int bestStart = -1;
            int bestLength = 0;
            for (int s = 0; s < groups.size(); s++) {
                int l = 0;
                while (s + l < groups.size() && groups.get(s + l).equals("0")) {
                    l++;
                }
                if (l > bestLength) {
                    bestStart = s;
                    bestLength = l;
                }
            }
            if (bestLength > 0) {
                text = String.join(":", groups.subList(0, bestStart)) + "::"
                        + String.join(":", groups.subList(bestStart + bestLength, groups.size()));
            }
        }
        if (dotted) {
            String v4 = (b[12] & 0xFF) + "." + (b[13] & 0xFF) + "." + (b[14] & 0xFF) + "." + (b[15] & 0xFF);
            text = text.endsWith(":") ? text + v4 : text + ":" + v4;
        }
        return random.nextBoolean() ? text.toUpperCase() : text;
    }
}
