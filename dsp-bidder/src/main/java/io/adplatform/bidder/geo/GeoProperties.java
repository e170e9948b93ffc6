package io.adplatform.bidder.geo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * IP geolocation, {@code adplatform.bidder.geo}.
 *
 * @param database a GeoIP2 / GeoLite2 City database (MaxMind DB format), or one built by {@link MmdbWriter}; empty
 *                 (the default) or missing: no geolocation, every lookup is {@link GeoInfo#UNKNOWN}, with one warning
 */
@ConfigurationProperties("adplatform.bidder.geo")
public record GeoProperties(String database) {

    public GeoProperties {
        database = database == null ? "" : database.strip();
    }
}
