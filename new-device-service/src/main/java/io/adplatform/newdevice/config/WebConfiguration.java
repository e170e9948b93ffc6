package io.adplatform.newdevice.config;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.web.ServiceTokenFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** HTTP edge: service token on /internal/, the platform's JSON rules, the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    static final String SERVICE_TOKEN_SCHEME = "serviceToken";

    @Bean
    FilterRegistrationBean<ServiceTokenFilter> serviceTokenFilter(ServiceTokenProperties properties) {
        FilterRegistrationBean<ServiceTokenFilter> registration =
                new FilterRegistrationBean<>(new ServiceTokenFilter("/internal/", properties.serviceToken()));
        registration.addUrlPatterns("/internal/*");
        // Before anything reads the body: an unauthenticated caller gets 401 and costs nothing else.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** HTTP and Kafka agree on JSON (ISO times, unknown fields ignored, nulls left out). */
    @Bean
    JsonMapperBuilderCustomizer eventJsonRules() {
        return EventJson::configure;
    }

    @Bean
    OpenAPI newDeviceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("new-device-service").version("v1")
                        .description("The activation pool: is this (app, device) new, and when was it first seen."))
                .components(new Components().addSecuritySchemes(SERVICE_TOKEN_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name(ServiceTokenFilter.HEADER)));
    }
}
