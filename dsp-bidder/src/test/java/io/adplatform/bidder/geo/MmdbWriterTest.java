package io.adplatform.bidder.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.NoCache;
import com.maxmind.db.Reader;
import io.adplatform.bidder.traffic.IpAddresses;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Databases written here are read back with MaxMind's own reader: random overlapping networks of both families,
 * every record size, compared with a linear scan for the most specific network.
 */
class MmdbWriterTest {

    private static final String[][] PLACES = {
            {"US", "CA", "San Francisco"}, {"US", "NY", "New York"}, {"DE", "BE", "Berlin"}, {"JP", "13", "Tokyo"},
            {"BR", "SP", "São Paulo"}, {"FR", null, null}, {"IN", "MH", null}, {"GB", "ENG", "London, City of"}};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 32})
    void randomNetworksReadBackAsTheMostSpecificOne(int recordSize) throws IOException {
        Random random = new Random(recordSize);
        List<Net> nets = new ArrayList<>();
        List<MmdbWriter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            boolean v4 = random.nextInt(3) > 0;
            byte[] address = new byte[v4 ? 4 : 16];
            random.nextBytes(address);
            if (!v4) {
                address[0] = (byte) 0x24; // cluster in 2400::/8 so that networks overlap (2002::/16 is 6to4)
            } else {
                address[0] = (byte) (10 + random.nextInt(3)); // 10-12.x.x.x
            }
            int prefix = v4 ? 8 + random.nextInt(25) : 8 + random.nextInt(121);
            String[] place = PLACES[random.nextInt(PLACES.length)];
            Net net = new Net(mask(address, prefix), prefix, place);
            nets.add(net);
            entries.add(new MmdbWriter.Entry(InetAddress.getByAddress(net.address()).getHostAddress() + "/" + prefix,
                    place[0], place[1], place[2]));
        }
        Path db = dir.resolve("random.mmdb");
        MmdbWriter.write(db, entries, recordSize, Instant.parse("2025-01-01T00:00:00Z"));

        try (Reader reader = new Reader(db.toFile(), Reader.FileMode.MEMORY_MAPPED, NoCache.getInstance())) {
            assertThat(reader.getMetadata().getDatabaseType()).isEqualTo("GeoIP2-City");
            assertThat(reader.getMetadata().getIpVersion()).isEqualTo(6);
            assertThat(reader.getMetadata().getBinaryFormatMajorVersion()).isEqualTo(2);
            assertThat(reader.getMetadata().getLanguages()).containsExactly("en");
            assertThat(reader.getMetadata().getBuildDate().toInstant()).isEqualTo("2025-01-01T00:00:00Z");
            assertThat(reader.getMetadata().toString()).contains("recordSize=" + recordSize);

            List<byte[]> queries = new ArrayList<>();
            for (Net net : nets) { // each network's edges and just outside them
                BigInteger first = new BigInteger(1, net.address());
                BigInteger last = first.add(BigInteger.ONE.shiftLeft(net.address().length * 8 - net.prefix()))
                        .subtract(BigInteger.ONE);
                for (BigInteger q : List.of(first, last, first.subtract(BigInteger.ONE), last.add(BigInteger.ONE))) {
                    byte[] bytes = toBytes(q, net.address().length);
                    if (bytes != null) {
                        queries.add(bytes);
                    }
                }
            }
            for (int i = 0; i < 5000; i++) { // and random addresses in and around the clusters
                byte[] q = new byte[random.nextBoolean() ? 4 : 16];
                random.nextBytes(q);
                q[0] = (byte) (q.length == 4 ? 10 + random.nextInt(4) : 0x24 + random.nextInt(2));
                queries.add(q);
            }
            for (byte[] q : queries) {
                String[] expected = mostSpecific(nets, q);
                Map<?, ?> record = reader.get(InetAddress.getByAddress(q), Map.class);
                assertThat(placeOf(record)).as(InetAddress.getByAddress(q).getHostAddress())
                        .isEqualTo(expected == null ? null : Arrays.asList(expected));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32})
    void recordsAbove24BitsKeepTheirHighBits(int recordSize) throws IOException {
        // a 16 MiB first record pushes the next one's record value past 2^24: the 28-bit layout's shared middle byte
        String huge = "x".repeat(1 << 24);
        Path db = dir.resolve("large.mmdb");
        MmdbWriter.write(db, List.of(new MmdbWriter.Entry("10.0.0.0/8", "US", null, huge),
                new MmdbWriter.Entry("192.0.2.0/24", "DE", "BE", "Berlin"),
                new MmdbWriter.Entry("2001:db8::/32", "JP", "13", "Tokyo")), recordSize, Instant.now());

        try (Reader reader = new Reader(db.toFile(), Reader.FileMode.MEMORY_MAPPED)) {
            assertThat(placeOf(reader.get(InetAddress.getByName("192.0.2.1"), Map.class)))
                    .isEqualTo(List.of("DE", "BE", "Berlin"));
            assertThat(placeOf(reader.get(InetAddress.getByName("2001:db8::1"), Map.class)))
                    .isEqualTo(List.of("JP", "13", "Tokyo"));
            assertThat(reader.get(InetAddress.getByName("192.0.3.1"), Map.class)).isNull();
            assertThat(reader.get(InetAddress.getByName("2001:db9::1"), Map.class)).isNull();
            assertThat(placeOf(reader.get(InetAddress.getByName("10.1.2.3"), Map.class)).get(2)).hasSize(1 << 24);
        }
    }

    @Test
    void ipv4IsAlsoReachableAsMappedAnd6to4() throws IOException {
        Path db = dir.resolve("alias.mmdb");
        MmdbWriter.write(db, List.of(new MmdbWriter.Entry("192.0.2.0/24", "US", "CA", "San Francisco"),
                new MmdbWriter.Entry("2001:db8::/32", "DE", "BE", "Berlin")));

        try (Reader reader = new Reader(db.toFile(), Reader.FileMode.MEMORY_MAPPED)) {
            byte[] mapped = v6("::ffff:192.0.2.9");
            byte[] sixToFour = v6("2002:c000:0209::1");
            for (byte[] alias : List.of(mapped, sixToFour)) {
                Map<?, ?> record = reader.get(Inet6Address.getByAddress(null, alias, -1), Map.class);
                assertThat(placeOf(record)).isEqualTo(List.of("US", "CA", "San Francisco"));
            }
            assertThat(placeOf(reader.get(InetAddress.getByName("2001:db8:1::1"), Map.class)))
                    .isEqualTo(List.of("DE", "BE", "Berlin"));
            assertThat(reader.get(InetAddress.getByName("192.0.3.1"), Map.class)).isNull();
        }
    }

    @Test
    void emptyDatabaseIsValid() throws IOException {
        Path db = dir.resolve("empty.mmdb");
        MmdbWriter.write(db, List.of());

        try (Reader reader = new Reader(db.toFile())) {
            assertThat(reader.get(InetAddress.getByName("192.0.2.1"), Map.class)).isNull();
            assertThat(reader.get(InetAddress.getByName("2001:db8::1"), Map.class)).isNull();
        }
    }

    @Test
    void mainBuildsADatabaseFromTheCsv() throws IOException {
        Path db = dir.resolve("city.mmdb");
        MmdbWriter.main(new String[] {"src/test/resources/geo/synthetic-city.csv", db.toString()});

        assertThat(MmdbWriter.readCsv(Path.of("src/test/resources/geo/synthetic-city.csv"))).hasSizeGreaterThan(40)
                .contains(new MmdbWriter.Entry("11.203.0.0/24", "SG", null, "Singapore"));
        try (Reader reader = new Reader(db.toFile())) {
            assertThat(placeOf(reader.get(InetAddress.getByName("11.203.1.9"), Map.class)))
                    .isEqualTo(List.of("AR", "C", "Buenos Aires"));
        }
    }

    @Test
    void badInputIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "cidr,country,region,city\n192.0.2.0/24\n");

        assertThatThrownBy(() -> MmdbWriter.readCsv(csv)).hasMessageContaining("bad.csv:2");
        assertThatThrownBy(() -> MmdbWriter.write(dir.resolve("x.mmdb"),
                List.of(new MmdbWriter.Entry("192.0.2.0/33", "US", null, null)))).hasMessageContaining("/33");
        assertThatThrownBy(() -> MmdbWriter.write(dir.resolve("x.mmdb"),
                List.of(new MmdbWriter.Entry("example.com/24", "US", null, null)))).hasMessageContaining("example");
    }

    private record Net(byte[] address, int prefix, String[] place) {

        boolean contains(byte[] q) {
            if (q.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                if (((q[bit / 8] ^ address[bit / 8]) & (0x80 >>> (bit % 8))) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The reference: the longest prefix containing the address; the last one listed among equals. */
    private static String[] mostSpecific(List<Net> nets, byte[] q) {
        Net best = null;
        for (Net net : nets) {
            if (net.contains(q) && (best == null || net.prefix() >= best.prefix())) {
                best = net;
            }
        }
        return best == null ? null : best.place();
    }

    @SuppressWarnings("unchecked")
    private static List<String> placeOf(Map<?, ?> record) {
        if (record == null) {
            return null;
        }
        Map<String, Object> country = (Map<String, Object>) record.get("country");
        List<Map<String, Object>> subdivisions = (List<Map<String, Object>>) record.get("subdivisions");
        Map<String, Object> city = (Map<String, Object>) record.get("city");
        List<String> place = new ArrayList<>();
        place.add(country == null ? null : (String) country.get("iso_code"));
        place.add(subdivisions == null ? null : (String) subdivisions.get(0).get("iso_code"));
        place.add(city == null ? null : (String) ((Map<String, Object>) city.get("names")).get("en"));
        return place;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static byte[] toBytes(BigInteger value, int length) {
        if (value.signum() < 0 || value.bitLength() > length * 8) {
            return null;
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, bytes, length - n, n);
        return bytes;
    }

    private static byte[] v6(String text) {
        byte[] bytes = new byte[16];
        long[] parsed = new long[2];
        assertThat(IpAddresses.parseIpv6(text, parsed)).isTrue();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (parsed[0] >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (parsed[1] >>> (56 - 8 * i));
        }
        return bytes;
    }
}
