package io.adplatform.loadgen.bidder;

import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Loads a running bidder for the benchmark through its internal API: the campaigns ({@link CampaignGenerator}'s JSON
 * array, posted in batches to {@code POST /internal/v1/bidder/campaigns}) and the audience segments
 * ({@link BidRequestMix}'s {@code segments.ndjson}, one {@code POST /internal/v1/bidder/audiences} per line), then waits
 * until {@code /actuator/health/readiness} is UP (campaigns read back from Kafka). Loopback only.
 *
 * <pre>java -cp ... io.adplatform.loadgen.bidder.BidderSetup --internal http://127.0.0.1:18086
 *     --service-token local-dev-service-token --campaigns campaigns.json --segments segments.ndjson --batch 1000</pre>
 */
public final class BidderSetup {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

    private final URI internal;
    private final String serviceToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    BidderSetup(URI internal, String serviceToken) {
        if (!LOOPBACK.contains(internal.getHost())) {
            throw new IllegalArgumentException("only a local bidder, not " + internal.getHost());
        }
        this.internal = internal;
        this.serviceToken = serviceToken;
    }

    public static void main(String[] args) throws Exception {
        URI internal = URI.create("http://127.0.0.1:8086");
        Path campaigns = null;
        Path segments = null;
        int batch = 1_000;
        int readyTimeout = 180;
        String token = "local-dev-service-token";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--internal" -> internal = URI.create(args[i + 1]);
                case "--campaigns" -> campaigns = Path.of(args[i + 1]);
                case "--segments" -> segments = Path.of(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--ready-timeout" -> readyTimeout = Integer.parseInt(args[i + 1]);
                case "--service-token" -> token = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BidderSetup setup = new BidderSetup(internal, token);
        long started = System.nanoTime();
        if (campaigns != null) {
            System.out.println("campaigns posted: " + setup.postCampaigns(campaigns, batch));
        }
        if (segments != null) {
            System.out.println("audience lists posted: " + setup.postSegments(segments));
        }
        setup.awaitReady(Duration.ofSeconds(readyTimeout));
        System.out.printf("bidder ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    int postCampaigns(Path file, int batch) throws IOException, InterruptedException {
        JsonNode all = EventJson.mapper().readTree(file.toFile());
        int posted = 0;
        for (int from = 0; from < all.size(); from += batch) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(all.size(), from + batch); i++) {
                body.append(i > from ? "," : "").append(EventJson.mapper().writeValueAsString(all.get(i)));
            }
            post("/internal/v1/bidder/campaigns", body.append(']').toString());
            posted += Math.min(batch, all.size() - from);
        }
        return posted;
    }

    int postSegments(Path file) throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int posted = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                post("/internal/v1/bidder/audiences", line);
                posted++;
            }
        }
        return posted;
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(internal.resolve(
                        "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("bidder not ready after " + timeout.toSeconds() + " s: " + last);
    }

    private void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(internal.resolve(path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("X-Service-Token", serviceToken)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": "
                    + abbreviate(answer.body()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
