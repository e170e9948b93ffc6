package io.adplatform.bidder.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups in a City database built from the synthetic CSV, in OpenRTB's codes; no database, no location. */
class GeoLookupTest {

    @TempDir
    Path dir;

    private GeoLookup geo;

    @BeforeEach
    void openDatabase() throws IOException {
        Path db = dir.resolve("city.mmdb");
        MmdbWriter.write(db, MmdbWriter.readCsv(Path.of("src/test/resources/geo/synthetic-city.csv")));
        geo = GeoLookup.open(new GeoProperties(db.toString()));
    }

    @AfterEach
    void close() throws IOException {
        geo.close();
    }

    @Test
    void ipv4AddressesGetAlpha3CountryRegionAndCity() {
        assertThat(geo.available()).isTrue();
        assertThat(geo.lookup("192.0.2.10")).isEqualTo(new GeoInfo("USA", "CA", "San Francisco"));
        assertThat(geo.lookup("198.51.100.200")).isEqualTo(new GeoInfo("USA", "TX", "Austin"));
        assertThat(geo.lookup("203.0.113.1")).isEqualTo(new GeoInfo("CAN", "ON", "Toronto"));
        assertThat(geo.lookup("203.0.113.70")).as("the more specific network").isEqualTo(
                new GeoInfo("CAN", "QC", "Montréal"));
        assertThat(geo.lookup("11.16.200.1")).isEqualTo(new GeoInfo("GBR", "ENG", "London"));
        assertThat(geo.lookup("11.66.0.1")).isEqualTo(new GeoInfo("JPN", "13", "Tokyo"));
        assertThat(geo.lookup("11.144.9.9")).isEqualTo(new GeoInfo("BRA", "SP", "São Paulo"));
        assertThat(geo.lookup("11.203.0.5")).isEqualTo(new GeoInfo("SGP", null, "Singapore"));
        assertThat(geo.lookup("11.207.255.255")).isEqualTo(new GeoInfo("USA", null, null));
    }

    @Test
    void ipv6AndIpv4MappedAddresses() {
        assertThat(geo.lookup("2001:db8::1")).isEqualTo(new GeoInfo("USA", "WA", "Seattle"));
        assertThat(geo.lookup("2001:DB8:1:0:0:0:0:FFFF")).isEqualTo(new GeoInfo("GBR", "ENG", "Manchester"));
        assertThat(geo.lookup("2001:db8:5:abcd::1")).isEqualTo(new GeoInfo("IND", "DL", "New Delhi"));
        assertThat(geo.lookup("2001:db8:1ff::")).isEqualTo(new GeoInfo("BRA", null, null));
        assertThat(geo.lookup("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo(
                new GeoInfo("FRA", "PAC", "Marseille"));
        assertThat(geo.lookup("::ffff:192.0.2.10")).isEqualTo(new GeoInfo("USA", "CA", "San Francisco"));
    }

    @Test
    void addressesOutsideTheDatabaseOrNotAddressesAreUnknown() {
        assertThat(geo.lookup("8.8.8.8")).isSameAs(GeoInfo.UNKNOWN);
        assertThat(geo.lookup("10.0.0.1")).isSameAs(GeoInfo.UNKNOWN);
        assertThat(geo.lookup("2001:db9::1")).isSameAs(GeoInfo.UNKNOWN);
        assertThat(geo.lookup("::1")).isSameAs(GeoInfo.UNKNOWN);
        assertThat(geo.lookup("localhost")).isSameAs(GeoInfo.UNKNOWN);
        assertThat(geo.lookup("192.0.2")).isSameAs(GeoInfo.UNKNOWN);
        assertThat(geo.lookup(null)).isSameAs(GeoInfo.UNKNOWN);
        assertThat(GeoInfo.UNKNOWN.known()).isFalse();
    }

    @Test
    void withoutADatabaseEverythingIsUnknown() throws IOException {
        try (GeoLookup none = GeoLookup.open(new GeoProperties(""));
             GeoLookup missing = GeoLookup.open(new GeoProperties(dir.resolve("absent.mmdb").toString()))) {
            assertThat(none.available()).isFalse();
            assertThat(none.lookup("192.0.2.10")).isSameAs(GeoInfo.UNKNOWN);
            assertThat(missing.available()).isFalse();
            assertThat(missing.lookup("2001:db8::1")).isSameAs(GeoInfo.UNKNOWN);
        }
        assertThat(new GeoProperties(null).database()).isEmpty();
    }

    @Test
    void aFileThatIsNotADatabaseFailsAtStart() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.mmdb"), "not a database");

        assertThatThrownBy(() -> GeoLookup.open(new GeoProperties(junk.toString()))).isInstanceOf(IOException.class);
    }

    @Test
    void alpha2ToAlpha3() {
        assertThat(GeoLookup.alpha3("DE")).isEqualTo("DEU");
        assertThat(GeoLookup.alpha3("gb")).isEqualTo("GBR");
        assertThat(GeoLookup.alpha3("XK")).isEqualTo("XKX");
        assertThat(GeoLookup.alpha3("ZZ")).isNull();
    }

    @Test
    void aLookupAllocatesLittle() {
        String[] ips = {"192.0.2.10", "11.66.0.1", "2001:db8::1", "11.203.0.5", "8.8.8.8", "203.0.113.70"};
        for (int i = 0; i < 200_000; i++) { // warm-up: JIT
            geo.lookup(ips[i % ips.length]);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int n = 200_000;
        long before = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            geo.lookup(ips[i % ips.length]);
        }
        long nanos = System.nanoTime() - start;
        long perLookup = (threads.getThreadAllocatedBytes(thread) - before) / n;
        System.out.printf("GeoLookup: %d bytes allocated and %d ns per lookup%n", perLookup, nanos / n);
        assertThat(perLookup).isLessThan(2048);
    }
}
