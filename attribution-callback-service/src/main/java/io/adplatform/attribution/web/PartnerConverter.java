package io.adplatform.attribution.web;

import io.adplatform.common.event.Partner;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets paths and query parameters name partners in lower case ({@code /partners/appsflyer}, {@code ?partner=meta}). */
@Configuration(proxyBeanMethods = false)
class PartnerConverter implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Partner.class, s -> Partner.valueOf(s.trim().toUpperCase(Locale.ROOT)));
    }
}
