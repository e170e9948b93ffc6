package io.adplatform.offline.api;

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

/** The HTTP edge: the internal API's service token and the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    static final String INTERNAL = "/internal/";

    /** {@code adplatform.service-token}: the token every internal caller sends in {@code X-Service-Token}. */
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
    OpenAPI offlineTasksOpenApi() {
        return new OpenAPI()
                .info(new Info().title("offline-tasks")
                        .description("Jobs and their runs, media report accounts, FX rates, products, dashboards (internal API, X-Service-Token)")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("serviceToken", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ServiceTokenFilter.HEADER)))
                .addSecurityItem(new SecurityRequirement().addList("serviceToken"));
    }
}
