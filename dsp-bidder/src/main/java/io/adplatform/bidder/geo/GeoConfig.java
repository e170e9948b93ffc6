package io.adplatform.bidder.geo;

import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the IP geolocation database of {@link GeoProperties}; closed (unmapped) with the context. */
@Configuration(proxyBeanMethods = false)
class GeoConfig {

    @Bean(destroyMethod = "close")
    GeoLookup geoLookup(GeoProperties properties) throws IOException {
        return GeoLookup.open(properties);
    }
}
