package io.adplatform.ingestion.geo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param databasePath a MaxMind DB file (GeoIP2/GeoLite2 Country or City, or ip-location-db's country database);
 *                     {@code scripts/fetch-geoip.sh} puts one at the default path. Missing → no country, a warning.
 */
@ConfigurationProperties("adplatform.ingestion.geo")
public record GeoProperties(String databasePath) {

    public GeoProperties {
        databasePath = databasePath == null ? ".data/geoip/geo-whois-asn-country.mmdb" : databasePath;
    }
}
