package io.adplatform.admin.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccessConfig {

    /** The one copy of checked rows of this instance, shared by the check and the change announcements. */
    @Bean
    AccessCache accessCache(AccessProperties props) {
        return new AccessCache(props.cacheTtl().toNanos(), props.cacheMaxUsers(), 5_000, System::nanoTime);
    }
}
