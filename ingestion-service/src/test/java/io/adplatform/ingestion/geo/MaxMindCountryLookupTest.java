package io.adplatform.ingestion.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.ingestion.support.MmdbWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxMindCountryLookupTest {

    @TempDir
    Path dir;

    @Test
    void readsIpLocationDbLayoutForIpv4AndIpv6() throws Exception {
        // given a database in ip-location-db's layout ({country_code})
        Path db = new MmdbWriter("geo-whois-asn-country")
                .add("203.0.113.0/24", Map.of("country_code", "DE"))
                .add("198.51.100.0/25", Map.of("country_code", "fr"))
                .add("2001:db8::/32", Map.of("country_code", "JP"))
                .write(dir.resolve("country.mmdb"));

        // when / then
        try (MaxMindCountryLookup lookup = new MaxMindCountryLookup(db)) {
            assertThat(lookup.databaseType()).isEqualTo("geo-whois-asn-country");
            assertThat(lookup.country("203.0.113.7")).isEqualTo("DE");
            assertThat(lookup.country("203.0.113.255")).isEqualTo("DE");
            assertThat(lookup.country("198.51.100.1")).isEqualTo("FR");
            assertThat(lookup.country("198.51.100.200")).isNull(); // outside the /25
            assertThat(lookup.country("2001:db8::1")).isEqualTo("JP");
            assertThat(lookup.country("2001:db9::1")).isNull();
            assertThat(lookup.country("10.1.2.3")).isNull();
        }
    }

    @Test
    void readsGeoIp2LayoutWithRegisteredCountryFallback() throws Exception {
        Path db = new MmdbWriter("GeoLite2-Country")
                .add("81.2.69.0/24", Map.of("country", Map.of("iso_code", "GB", "geoname_id", 2635167L)))
                .add("89.160.20.0/24", Map.of("registered_country", Map.of("iso_code", "SE")))
                .write(dir.resolve("geoip2.mmdb"));

        try (MaxMindCountryLookup lookup = new MaxMindCountryLookup(db)) {
            assertThat(lookup.country("81.2.69.160")).isEqualTo("GB");
            assertThat(lookup.country("89.160.20.128")).isEqualTo("SE");
            assertThat(lookup.country("not-an-ip")).isNull();
        }
    }
}
