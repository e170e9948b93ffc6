package io.adplatform.offline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A real ClickHouse engine for tests: chDB behind {@code devstack/clickhouse-http} (started once per test JVM on a free
 * port with a data directory of its own), or the server named by {@code ADPLATFORM_TEST_CLICKHOUSE_URL}. Each caller
 * of {@link #newDatabase()} gets a database of its own.
 */
public final class ClickHouseTestServer {

    private static volatile String url;

    private ClickHouseTestServer() {
    }

    /** The HTTP interface's base URL, starting the server on first use. */
    public static synchronized String url() {
        if (url == null) {
            String given = System.getenv("ADPLATFORM_TEST_CLICKHOUSE_URL");
            url = given != null && !given.isBlank() ? given : start();
        }
        return url;
    }

    /** A fresh database name for one test class (created by the migrations). */
    public static String newDatabase() {
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        return "test_" + HexFormat.of().formatHex(r);
    }

    private static String start() {
        Path dir = serverDir();
        if (!Files.isDirectory(dir.resolve("node_modules/chdb"))) {
            throw new IllegalStateException("chDB is not installed in " + dir + ": run scripts/ensure-infra.sh (npm ci there)");
        }
        try {
            Path data = Files.createTempDirectory("chdb-test-");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = data.resolveSibling(data.getFileName() + ".log");
            Process process = new ProcessBuilder("node", "server.mjs", "--port", String.valueOf(port), "--path",
                    data.toString()).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                deleteTree(data);
            }));
            String base = "http://127.0.0.1:" + port;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("clickhouse-http exited: " + Files.readString(log));
                }
                if (ping(base)) {
                    return base;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("clickhouse-http did not answer within 60 s: " + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path serverDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("devstack/clickhouse-http");
            if (Files.isRegularFile(candidate.resolve("server.mjs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("devstack/clickhouse-http not found above " + here);
    }

    private static boolean ping(String base) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is under the system's temp dir
        }
    }
}
