package io.adplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs on our machines, so docker-compose.yml and the Dockerfile are kept correct by reading them
 * here: every service is built from an existing module, and every environment variable binds — through Spring Boot's
 * own relaxed binding from environment variables — to a property that the service really reads.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    /** Properties every service reads through Spring Boot itself. */
    private static final List<String> SPRING_PROPERTIES = List.of("spring.kafka.bootstrap-servers",
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password", "spring.data.redis.host");

    @Test
    @SuppressWarnings("unchecked")
    void everyComposeServiceIsAModuleAndEveryVariableBindsToARealProperty() throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        int built = 0;
        for (var entry : services.entrySet()) {
            Map<String, Object> build = (Map<String, Object>) entry.getValue().get("build");
            if (build == null) {
                continue;
            }
            built++;
            String module = (String) ((Map<String, Object>) build.get("args")).get("SERVICE");
            assertThat(module).as("compose service %s builds the module of the same name", entry.getKey()).isEqualTo(entry.getKey());
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as("module " + module).exists();
            assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml"))).contains("spring-boot-maven-plugin");

            Map<String, Object> environment = (Map<String, Object>) entry.getValue().get("environment");
            Map<String, Object> env = new HashMap<>();
            environment.forEach((k, v) -> env.put(k, String.valueOf(v)));
            Binder binder = binderOver(env);
            String known = knownProperties(module);
            for (String variable : env.keySet()) {
                if (variable.equals("LOG_FORMAT") || variable.equals("<<")) {
                    assertThat(known).as("%s reads LOG_FORMAT", module).contains("${LOG_FORMAT");
                    continue;
                }
                String property = SPRING_PROPERTIES.stream().filter(p -> bindsTo(binder, p, env.get(variable)))
                        .findFirst()
                        .orElseGet(() -> adplatformProperty(binder, known, env.get(variable)));
                assertThat(property).as("%s: %s binds to a property %s reads", entry.getKey(), variable, module).isNotNull();
                if (property.equals("spring.datasource.url")) {
                    String url = (String) env.get(variable);
                    assertThatCode(() -> DriverManager.getDriver(url)).as("a JDBC driver on the classpath accepts " + url)
                            .doesNotThrowAnyException();
                }
            }
        }
        assertThat(built).isEqualTo(5);
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("-exec.jar").contains("ARG SERVICE");
    }

    private static boolean bindsTo(Binder binder, String property, Object value) {
        return binder.bind(property, String.class).map(v -> v.equals(value)).orElse(false);
    }

    /** An adplatform.* property declared in the module's application.yml or in one of its properties records. */
    private static String adplatformProperty(Binder binder, String known, Object value) {
        Matcher names = Pattern.compile("adplatform(\\.[a-z0-9-]+)+").matcher(known);
        while (names.find()) {
            if (bindsTo(binder, names.group(), value)) {
                return names.group();
            }
        }
        return null;
    }

    /** Property names the module reads: the keys of its YAML resources (flattened), its @ConfigurationProperties records and ${...} placeholders. */
    @SuppressWarnings("unchecked")
    private static String knownProperties(String module) throws IOException {
        StringBuilder known = new StringBuilder();
        try (var resources = Files.walk(ROOT.resolve(module).resolve("src/main/resources"))) {
            for (Path yml : resources.filter(p -> p.toString().endsWith(".yml")).toList()) {
                String text = Files.readString(yml);
                known.append(text).append('\n');
                for (Object document : new Yaml().loadAll(text)) {
                    if (document instanceof Map<?, ?> map) {
                        flatten("", (Map<String, Object>) map, known);
                    }
                }
            }
        }
        try (var sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                for (Matcher placeholder = Pattern.compile("\\$\\{(adplatform[a-z0-9.-]+)").matcher(code); placeholder.find(); ) {
                    known.append(placeholder.group(1)).append('\n');
                }
                Matcher prefix = Pattern.compile("@ConfigurationProperties\\(\"([^\"]+)\"\\)").matcher(code);
                Matcher record = Pattern.compile("record \\w+\\(([^{]*)\\)\\s*\\{", Pattern.DOTALL).matcher(code);
                if (prefix.find() && record.find()) {
                    for (Matcher component = Pattern.compile("(\\w+)\\s*(,|$)").matcher(record.group(1)); component.find(); ) {
                        known.append(prefix.group(1)).append('.').append(kebab(component.group(1))).append('\n');
                    }
                }
            }
        }
        return known.toString();
    }

    private static void flatten(String prefix, Map<String, Object> map, StringBuilder out) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) child;
                flatten(name, typed, out);
            } else {
                out.append(name).append('\n');
            }
        });
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Binder binderOver(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        ConfigurationPropertySources.attach(environment);
        return new Binder(ConfigurationPropertySources.get(environment)); // compose values are literal: no ${...} resolution
    }
}
