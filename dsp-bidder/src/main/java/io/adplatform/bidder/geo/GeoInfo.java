package io.adplatform.bidder.geo;

/**
 * Where an IP address is, in OpenRTB's terms ({@code device.geo}): null fields are unknown.
 *
 * @param country ISO 3166-1 alpha-3, as OpenRTB's {@code geo.country} ("USA")
 * @param region  ISO 3166-2 subdivision code without the country ("CA"), as OpenRTB's {@code geo.region}
 * @param city    the city's English name
 */
public record GeoInfo(String country, String region, String city) {

    /** Nothing known: no database, an address outside it, or not an address. */
    public static final GeoInfo UNKNOWN = new GeoInfo(null, null, null);

    public boolean known() {
        return country != null || region != null || city != null;
    }
}
