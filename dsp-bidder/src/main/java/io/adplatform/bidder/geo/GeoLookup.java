package io.adplatform.bidder.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import io.adplatform.bidder.traffic.IpAddresses;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IP address → country, region and city, for requests whose {@code device.geo} the exchange left empty and to check
 * the ones it filled. Reads a GeoIP2/GeoLite2 City database (MaxMind DB format) memory-mapped: the file stays
 * off-heap in the page cache, shared by all threads, and costs no GC time however large it is. Decodes only the
 * three fields needed (see {@link GeoIp2City}); the reader's cache keeps decoded shared parts (countries, key names).
 * Without a database every lookup is {@link GeoInfo#UNKNOWN}. Thread-safe.
 */
public final class GeoLookup implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(GeoLookup.class);

    /** ISO 3166-1 alpha-2 → alpha-3, precomputed from the JDK's country list. */
    private static final Map<String, String> ALPHA3 = alpha3Codes();

    private final Reader reader;

    private GeoLookup(Reader reader) {
        this.reader = reader;
    }

    /** Opens the database; throws when the file is there but is not a MaxMind DB. */
    public static GeoLookup open(Path database) throws IOException {
        Reader reader = new Reader(database.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
        log.info("IP geolocation from {} ({}, built {})", database.toAbsolutePath(),
                reader.getMetadata().getDatabaseType(), reader.getMetadata().getBuildDate().toInstant());
        return new GeoLookup(reader);
    }

    /**
     * Opens the configured database; with none configured or no file at the path, a lookup that knows nothing (with
     * one warning now, not one per request): bidding goes on, geo-targeted campaigns just do not match.
     */
    public static GeoLookup open(GeoProperties properties) throws IOException {
        if (properties.database().isEmpty()) {
            log.warn("no IP geolocation database configured (adplatform.bidder.geo.database): country, region and "
                    + "city come only from the bid requests");
            return none();
        }
        Path path = Path.of(properties.database());
        if (!Files.isReadable(path)) {
            log.warn("no IP geolocation database at {}: country, region and city come only from the bid requests",
                    path.toAbsolutePath());
            return none();
        }
        return open(path);
    }

    /** Knows nothing. */
    public static GeoLookup none() {
        return new GeoLookup(null);
    }

    /** Whether a database is open. */
    public boolean available() {
        return reader != null;
    }

    /**
     * @param ip an IPv4 or IPv6 literal (never resolved as a host name)
     * @return the location, or {@link GeoInfo#UNKNOWN} (no database, not in it, not an address)
     */
    public GeoInfo lookup(String ip) {
        if (reader == null || ip == null) {
            return GeoInfo.UNKNOWN;
        }
        byte[] address = IpAddresses.toBytes(ip);
        if (address == null) {
            return GeoInfo.UNKNOWN;
        }
        GeoIp2City.Location location;
        try {
            location = reader.get(InetAddress.getByAddress(address), GeoIp2City.Location.class);
        } catch (UnknownHostException e) {
            return GeoInfo.UNKNOWN; // cannot happen: 4 or 16 bytes
        } catch (IOException e) {
            log.debug("geo lookup failed: {}", e.toString()); // closed or damaged database
            return GeoInfo.UNKNOWN;
        }
        return location == null ? GeoInfo.UNKNOWN : toGeoInfo(location);
    }

    private static GeoInfo toGeoInfo(GeoIp2City.Location location) {
        GeoIp2City.IsoCode country = location.country() != null ? location.country() : location.registeredCountry();
        String alpha3 = country == null || country.isoCode() == null ? null : ALPHA3.get(country.isoCode());
        String region = location.subdivisions() == null || location.subdivisions().isEmpty()
                ? null : location.subdivisions().get(0).isoCode();
        String city = location.city() == null || location.city().names() == null
                ? null : location.city().names().en();
        if (alpha3 == null && region == null && city == null) {
            return GeoInfo.UNKNOWN;
        }
        return new GeoInfo(alpha3, region, city);
    }

    /** The alpha-3 code of an ISO 3166-1 alpha-2 country code, or null. */
    public static String alpha3(String alpha2) {
        return alpha2 == null ? null : ALPHA3.get(alpha2.toUpperCase(Locale.ROOT));
    }

    private static Map<String, String> alpha3Codes() {
        Map<String, String> codes = new HashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            try {
                codes.put(alpha2, new Locale("", alpha2).getISO3Country());
            } catch (MissingResourceException e) {
                // a code without an alpha-3 form: left unknown
            }
        }
        codes.putIfAbsent("XK", "XKX"); // Kosovo: user-assigned in ISO, used by GeoIP2 and the exchanges
        return Map.copyOf(codes);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
