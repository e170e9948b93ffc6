package io.adplatform.web;

import io.adplatform.common.web.ServiceTokenFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP edge of a Spring MVC service: every path under {@value #INTERNAL} needs {@code X-Service-Token}; errors are
 * problem+json ({@link ProblemAdvice}, registered before Spring MVC's own problem-details handler so that it is the one
 * used); the OpenAPI description names the service and the token.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@EnableConfigurationProperties({InternalApiConfiguration.ServiceTokenProperties.class,
        InternalApiConfiguration.OpenApiProperties.class})
@Import(ProblemAdvice.class)
public class InternalApiConfiguration {

    public static final String INTERNAL = "/internal/";

    /** {@code adplatform.service-token}: the token every internal caller sends in {@code X-Service-Token}. */
    @Validated
    @ConfigurationProperties("adplatform")
    public record ServiceTokenProperties(@NotBlank String serviceToken) {

        public ServiceTokenProperties {
            if (serviceToken == null) {
                serviceToken = "local-dev-service-token";
            }
        }
    }

    /** {@code adplatform.openapi.*}: the title (default: the application's name) and description of the API. */
    @ConfigurationProperties("adplatform.openapi")
    public record OpenApiProperties(String title, String description) {
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
    OpenAPI internalApiDescription(OpenApiProperties props,
                                   @org.springframework.beans.factory.annotation.Value("${spring.application.name:service}") String name) {
        return new OpenAPI()
                .info(new Info().title(props.title() == null ? name : props.title())
                        .description(props.description() == null ? "internal API, X-Service-Token" : props.description())
                        .version("v1"))
                .components(new Components().addSecuritySchemes("serviceToken", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ServiceTokenFilter.HEADER)))
                .addSecurityItem(new SecurityRequirement().addList("serviceToken"));
    }
}
