package io.adplatform.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ClickHouse engine for offline-tasks: chDB behind {@code devstack/clickhouse-http} (as offline-tasks' own
 * tests run it), on a free port with a data directory of its own that is deleted on close.
 */
final class ClickHouseProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int port = ServiceProcess.freePort();
    private final Path data;
    private final Process process;

    private ClickHouseProcess() throws IOException {
        Path dir = Path.of("..", "devstack", "clickhouse-http").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("node_modules/chdb"))) {
            throw new IllegalStateException("chDB is not installed in " + dir + ": run scripts/ensure-infra.sh (npm ci there)");
        }
        data = Files.createTempDirectory("chdb-systest-");
        Path log = Path.of("target", "service-logs", "clickhouse-http-" + port + ".log");
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder("node", "server.mjs", "--port", String.valueOf(port), "--path", data.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitPing(log);
    }

    static ClickHouseProcess start() {
        try {
            return new ClickHouseProcess();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start clickhouse-http", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitPing(Path log) {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-http exited; see " + log.toAbsolutePath());
            }
            try {
                if (HTTP.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ServiceProcess.sleep(100);
        }
        throw new IllegalStateException("clickhouse-http did not answer /ping within 60 s; see " + log.toAbsolutePath());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is under the system's temp dir
        }
    }
}
