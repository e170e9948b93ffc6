package io.adplatform.bidder.geo;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import java.util.List;

/**
 * The few fields of a GeoIP2 City record the bidder reads, as the MaxMind reader decodes them: it builds these records
 * through their annotated constructors and skips every other key (location, postal, continent, other languages'
 * names...), so a lookup decodes three small objects instead of a map of maps. Public because the reader instantiates
 * them reflectively.
 */
final class GeoIp2City {

    private GeoIp2City() {
    }

    public record Location(@MaxMindDbParameter(name = "country") IsoCode country,
                           @MaxMindDbParameter(name = "registered_country") IsoCode registeredCountry,
                           @MaxMindDbParameter(name = "subdivisions") List<IsoCode> subdivisions,
                           @MaxMindDbParameter(name = "city") City city) {

        @MaxMindDbConstructor
        public Location {
        }
    }

    public record IsoCode(@MaxMindDbParameter(name = "iso_code") String isoCode) {

        @MaxMindDbConstructor
        public IsoCode {
        }
    }

    public record City(@MaxMindDbParameter(name = "names") Names names) {

        @MaxMindDbConstructor
        public City {
        }
    }

    public record Names(@MaxMindDbParameter(name = "en") String en) {

        @MaxMindDbConstructor
        public Names {
        }
    }
}
