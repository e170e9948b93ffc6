package io.adplatform.offline.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;

/**
 * Versioned schema migrations for ClickHouse, the way Flyway does them for MySQL: files
 * {@code db/clickhouse/V<version>__<description>.sql} on the classpath, applied in version order, each recorded in
 * {@code schema_migrations} with its checksum. An applied file that changed stops the start (fix forward with a new
 * version instead). ClickHouse DDL is not transactional, so every statement must be idempotent
 * ({@code IF NOT EXISTS}): a start that died half-way through a file runs the whole file again. Statements end with a
 * {@code ;} at the end of a line; lines starting with {@code --} are comments.
 */
public class ClickHouseMigrations {

    static final String LOCATION = "classpath*:db/clickhouse/V*__*.sql";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");
    private static final Logger log = LoggerFactory.getLogger(ClickHouseMigrations.class);

    private final ClickHouse clickHouse;
    private final Clock clock;

    public ClickHouseMigrations(ClickHouse clickHouse, Clock clock) {
        this.clickHouse = clickHouse;
        this.clock = clock;
    }

    /** A migration file: its version, description, statements and checksum. */
    public record Migration(int version, String description, List<String> statements, String checksum) {
    }

    /** Applies what is pending; returns the versions applied now. */
    public List<Integer> migrate() {
        clickHouse.executeOnServer("CREATE DATABASE IF NOT EXISTS `" + clickHouse.database() + "`");
        clickHouse.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version UInt32, description String, checksum String, applied_at DateTime64(3, 'UTC'))
                ENGINE = MergeTree ORDER BY version""");
        Map<Integer, String> applied = new TreeMap<>();
        for (JsonNode row : clickHouse.query("SELECT version, checksum FROM schema_migrations", Map.of())) {
            applied.put(row.path("version").asInt(), row.path("checksum").asString());
        }
        List<Integer> now = new ArrayList<>();
        for (Migration m : load()) {
            String checksum = applied.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new IllegalStateException("ClickHouse migration V" + m.version() + " (" + m.description()
                            + ") changed after it was applied; add a new version instead");
                }
                continue;
            }
            log.info("applying ClickHouse migration V{} {}", m.version(), m.description());
            m.statements().forEach(clickHouse::execute);
            clickHouse.query("INSERT INTO schema_migrations SELECT {v:UInt32}, {d:String}, {c:String}, {t:DateTime64(3, 'UTC')}",
                    Map.of("v", m.version(), "d", m.description(), "c", m.checksum(),
                            "t", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC)
                                    .format(clock.instant())));
            now.add(m.version());
        }
        return now;
    }

    static List<Migration> load() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            List<Migration> migrations = new ArrayList<>();
            for (Resource file : files) {
                Matcher name = NAME.matcher(file.getFilename());
                if (!name.matches()) {
                    throw new IllegalStateException("not a migration file name: " + file.getFilename());
                }
                String text = new String(file.getContentAsByteArray(), StandardCharsets.UTF_8).replace("\r\n", "\n");
                migrations.add(new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '),
                        statements(text), sha256(text)));
            }
            migrations.sort(Comparator.comparingInt(Migration::version));
            for (int i = 1; i < migrations.size(); i++) {
                if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                    throw new IllegalStateException("two ClickHouse migrations have version " + migrations.get(i).version());
                }
            }
            return migrations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String s = current.toString().strip();
                statements.add(s.substring(0, s.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
