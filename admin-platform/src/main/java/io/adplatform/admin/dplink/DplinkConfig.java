package io.adplatform.admin.dplink;

import io.adplatform.web.InternalApiConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The client of dplink-controller's pool API. */
@Configuration(proxyBeanMethods = false)
class DplinkConfig {

    @Bean
    DplinkClient dplinkClient(DplinkProperties properties, InternalApiConfiguration.ServiceTokenProperties ownToken) {
        return new DplinkClient(RestClient.builder(), properties,
                properties.serviceToken() == null ? ownToken.serviceToken() : properties.serviceToken());
    }
}
