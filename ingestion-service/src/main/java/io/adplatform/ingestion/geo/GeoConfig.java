package io.adplatform.ingestion.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GeoConfig {

    private static final Logger log = LoggerFactory.getLogger(GeoConfig.class);

    /** Events are worth more without a country than not at all: a missing database only costs the enrichment. */
    @Bean
    CountryLookup countryLookup(GeoProperties properties) {
        Path path = Path.of(properties.databasePath());
        if (!Files.isReadable(path)) {
            log.warn("no IP database at {}: events get no country (run scripts/fetch-geoip.sh or set "
                    + "adplatform.ingestion.geo.database-path)", path.toAbsolutePath());
            return CountryLookup.NONE;
        }
        try {
            MaxMindCountryLookup lookup = new MaxMindCountryLookup(path);
            log.info("IP database {} ({}) loaded", path.toAbsolutePath(), lookup.databaseType());
            return lookup;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the IP database at {}: events get no country: {}", path.toAbsolutePath(), e.toString());
            return CountryLookup.NONE;
        }
    }
}
