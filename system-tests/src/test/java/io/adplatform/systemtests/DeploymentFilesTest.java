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
        assertThat(built).isEqualTo(7);
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
                String declarations = withoutComments(code);
                Matcher prefix = Pattern.compile("@ConfigurationProperties\\(\\s*(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"")
                        .matcher(declarations);
                if (prefix.find()) {
                    Matcher record = RECORD.matcher(declarations);
                    if (record.find(prefix.end())) {
                        recordProperties(declarations, record.group(1), prefix.group(1), known, 0);
                    }
                }
            }
        }
        return known.toString();
    }

    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*\\(");

    /**
     * The properties of a record bound at {@code prefix}: one per component, and for a component whose type is a record
     * declared in the same file (a nested group such as {@code adplatform.reports.meta}), that record's properties under
     * {@code prefix.component}. Components are split at top-level commas, so annotations with arguments
     * ({@code @Pattern(regexp = "[A-Z]{3}")}) and generic types ({@code Map<String, Duration>}) are read whole.
     */
    private static void recordProperties(String code, String recordName, String prefix, StringBuilder known, int depth) {
        Matcher header = Pattern.compile("\\brecord\\s+" + recordName + "\\s*\\(").matcher(code);
        if (depth > 5 || !header.find()) {
            return;
        }
        for (String component : components(code, header.end())) {
            Matcher typeAndName = Pattern.compile("([\\w.]+)\\s*(?:<.*>)?(?:\\s*\\[\\s*])*(?:\\s*\\.\\.\\.)?\\s+(\\w+)\\s*$",
                    Pattern.DOTALL).matcher(withoutAnnotations(component));
            if (!typeAndName.find()) {
                continue;
            }
            String type = typeAndName.group(1).substring(typeAndName.group(1).lastIndexOf('.') + 1);
            String property = prefix + '.' + kebab(typeAndName.group(2));
            known.append(property).append('\n');
            if (!type.equals(recordName) && Pattern.compile("\\brecord\\s+" + type + "\\s*\\(").matcher(code).find()) {
                recordProperties(code, type, property, known, depth + 1);
            }
        }
    }

    /** The record's components from just after its opening parenthesis to the matching one, split at top level. */
    private static List<String> components(String code, int from) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int end = endOfString(code, i);
                current.append(code, i, end);
                i = end - 1;
                continue;
            }
            if (c == '(' || c == '<' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '>' || c == '}' || c == ']') {
                if (depth == 0) {
                    parts.add(current.toString());
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return parts.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** A component without its annotations (and their arguments). */
    private static String withoutAnnotations(String component) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c != '@') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            while (j < component.length() && (Character.isJavaIdentifierPart(component.charAt(j)) || component.charAt(j) == '.')) {
                j++;
            }
            int k = j;
            while (k < component.length() && Character.isWhitespace(component.charAt(k))) {
                k++;
            }
            if (k < component.length() && component.charAt(k) == '(') {
                int depth = 0;
                for (; k < component.length(); k++) {
                    char a = component.charAt(k);
                    if (a == '"') {
                        k = endOfString(component, k) - 1;
                    } else if (a == '(') {
                        depth++;
                    } else if (a == ')' && --depth == 0) {
                        break;
                    }
                }
                j = k + 1;
            }
            out.append(' ');
            i = j - 1;
        }
        return out.toString();
    }

    /** The index just after the string literal (or text block) starting at {@code start}. */
    private static int endOfString(String code, int start) {
        boolean block = code.startsWith("\"\"\"", start);
        int i = start + (block ? 3 : 1);
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (block ? code.startsWith("\"\"\"", i) : c == '"') {
                return i + (block ? 3 : 1);
            } else {
                i++;
            }
        }
        return code.length();
    }

    /** The source without comments (string literals kept whole, so a URL's {@code //} stays). */
    private static String withoutComments(String code) {
        StringBuilder out = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int end = endOfString(code, i);
                out.append(code, i, end);
                i = end - 1;
            } else if (c == '\'' && i + 2 < code.length()) {
                int end = code.charAt(i + 1) == '\\' ? code.indexOf('\'', i + 3) : i + 2;
                end = end < 0 ? code.length() - 1 : end;
                out.append(code, i, end + 1);
                i = end;
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                i = (end < 0 ? code.length() : end) - 1;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = (end < 0 ? code.length() : end + 2) - 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
