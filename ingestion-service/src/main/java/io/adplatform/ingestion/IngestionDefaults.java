package io.adplatform.ingestion;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code io/adplatform/ingestion/defaults.yml} as this service's defaults, at the lowest precedence (below
 * anything a caller sets, including {@code SpringApplicationBuilder.properties(...)}), and makes Spring Boot look for
 * {@code ingestion-service.yml} instead of {@code application.yml}.
 *
 * <p>Why: several services run in one JVM in system tests and the load generator, and {@code classpath:application.yml}
 * resolves to whichever jar comes first, so one service would boot with another's settings. Defaults named after the
 * service, applied only when this service's application class is the one starting, avoid that. Runs before Spring
 * Boot's config-data processing so that {@code spring.config.name} takes effect.
 */
public final class IngestionDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "io/adplatform/ingestion/defaults.yml";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(IngestionApplication.class)) {
            return;
        }
        Map<String, Object> defaults = new HashMap<>();
        try {
            List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE));
            for (PropertySource<?> source : loaded) {
                if (source instanceof MapPropertySource map) {
                    for (String name : map.getPropertyNames()) {
                        defaults.put(name, String.valueOf(map.getProperty(name)));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        PropertySource<?> existing = environment.getPropertySources().get(DefaultPropertiesPropertySource.NAME);
        if (existing instanceof MapPropertySource map) {
            defaults.putAll(map.getSource()); // the caller's default properties win over ours
            environment.getPropertySources().replace(DefaultPropertiesPropertySource.NAME,
                    new DefaultPropertiesPropertySource(defaults));
        } else {
            environment.getPropertySources().addLast(new DefaultPropertiesPropertySource(defaults));
        }
    }
}
