package io.adplatform.ingestion.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Country lookups in a MaxMind DB file, memory-mapped (off-heap, shared with the OS page cache). Reads both layouts
 * in use: GeoIP2/GeoLite2 ({@code country.iso_code}, else {@code registered_country.iso_code}) and ip-location-db's
 * ({@code country_code}).
 */
public final class MaxMindCountryLookup implements CountryLookup, Closeable {

    private static final Logger log = LoggerFactory.getLogger(MaxMindCountryLookup.class);

    private final Reader reader;

    public MaxMindCountryLookup(Path database) throws IOException {
        // the cache keeps decoded records of hot networks; lookups of one IP repeat a lot (NATs, batches)
        this.reader = new Reader(database.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
    }

    public String databaseType() {
        return reader.getMetadata().getDatabaseType();
    }

    @Override
    @SuppressWarnings("unchecked")
    public String country(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        try {
            byte[] bytes = IpAddresses.parse(ip);
            if (bytes == null) {
                return null; // not an IP literal: never let it reach a name lookup
            }
            InetAddress address = InetAddress.getByAddress(bytes);
            Map<String, Object> record = reader.get(address, Map.class);
            if (record == null) {
                return null;
            }
            Object code = record.get("country_code");
            if (code == null) {
                code = isoCode(record.get("country"));
            }
            if (code == null) {
                code = isoCode(record.get("registered_country"));
            }
            return code instanceof String s && s.length() == 2 ? s.toUpperCase(Locale.ROOT) : null;
        } catch (IOException | RuntimeException e) {
            log.debug("country lookup failed for an address: {}", e.toString());
            return null;
        }
    }

    private static Object isoCode(Object section) {
        return section instanceof Map<?, ?> m ? m.get("iso_code") : null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
