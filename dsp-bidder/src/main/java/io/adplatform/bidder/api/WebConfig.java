package io.adplatform.bidder.api;

import io.adplatform.common.web.ServiceTokenFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.validation.annotation.Validated;

/**
 * The internal port's edge: the service token every internal caller sends in {@code X-Service-Token}, and the OpenAPI
 * description. (The exchange-facing Netty port is separate and needs no token: exchanges and browsers call it.)
 */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    static final String INTERNAL = "/internal/";

    /** {@code adplatform.service-token}. */
    @Validated
    @ConfigurationProperties("adplatform")
    record ServiceTokenProperties(@NotBlank String serviceToken) {

        ServiceTokenProperties {
            if (serviceToken == null) {
                serviceToken = "local-dev-service-token";
            }
        }
    }

    @Bean
    FilterRegistrationBean<ServiceTokenFilter> serviceTokenFilter(ServiceTokenProperties props) {
        FilterRegistrationBean<ServiceTokenFilter> bean =
                new FilterRegistrationBean<>(new ServiceTokenFilter(INTERNAL, props.serviceToken()));
        bean.addUrlPatterns(INTERNAL + "*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    @Bean
    OpenAPI bidderOpenApi() {
        return new OpenAPI()
                .info(new Info().title("dsp-bidder (internal port)")
                        .description("Campaign loading and audiences (internal API, X-Service-Token); the OpenRTB "
                                + "bid endpoint and notices are on the exchange-facing port")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("serviceToken", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ServiceTokenFilter.HEADER)))
                .addSecurityItem(new SecurityRequirement().addList("serviceToken"));
    }
}
