package io.adplatform.loadgen.demo;

import io.adplatform.common.event.EventIds;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.web.ServiceTokenFilter;
import io.adplatform.fakes.DemoCredentials;
import io.adplatform.ingestion.apps.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Feeds a locally running platform with a believable trickle of app traffic: it registers a demo Android app with
 * ingestion, points the app's partner settings at the local partner fakes, then sends installs (from several media
 * sources), logins and purchases as an SDK would — signed, in small batches, with an occasional retried request — and
 * prints what was accepted and what reached each partner.
 *
 * <pre>java -jar loadgen/target/loadgen-*-exec.jar [--devices-per-second 5] [--seconds 0 (= until stopped)]
 *      [--ingestion http://127.0.0.1:8081] [--attribution http://127.0.0.1:8083] [--fakes http://127.0.0.1:8090]
 *      [--service-token local-dev-service-token]</pre>
 */
public final class DemoTraffic {

    static final String APP = DemoCredentials.APPSFLYER_ANDROID_APP;
    private static final String[] MEDIA = {"organic", "tiktokglobal_int", "Facebook Ads", "googleadwords_int"};
    private static final String[] PRICES = {"0.99", "4.99", "9.99", "19.99"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> options;
    private final Random random = new Random();
    private final List<Device> devices = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private String secret;

    private DemoTraffic(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of(
                "ingestion", "http://127.0.0.1:8081", "attribution", "http://127.0.0.1:8083",
                "fakes", "http://127.0.0.1:8090", "service-token", "local-dev-service-token",
                "devices-per-second", "5", "seconds", "0"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String url : List.of("ingestion", "attribution", "fakes")) {
            String host = URI.create(options.get(url)).getHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                throw new IllegalArgumentException("the demo only talks to this machine: " + options.get(url));
            }
        }
        new DemoTraffic(options).run();
    }

    private void run() throws Exception {
        setUp();
        long seconds = Long.parseLong(options.get("seconds"));
        int perSecond = Integer.parseInt(options.get("devices-per-second"));
        long end = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long nextReport = System.nanoTime();
        for (long tick = 0; System.nanoTime() < end; tick++) {
            long started = System.nanoTime();
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < perSecond; i++) {
                Device device = Device.random(random);
                devices.add(device);
                batch.add(device.activation(MEDIA[random.nextInt(MEDIA.length)]));
            }
            // Returning users: distinct devices, so no device reports two identical events in one instant
            java.util.Collections.shuffle(devices, random);
            for (int i = 0; i < Math.min(perSecond * 2, devices.size()); i++) {
                Device device = devices.get(i);
                batch.add(random.nextInt(4) == 0
                        ? device.payment(PRICES[random.nextInt(PRICES.length)], random.nextBoolean() ? "USD" : "EUR")
                        : device.login());
            }
            if (devices.size() > 10_000) {
                devices.subList(0, 5_000).clear();
            }
            String body = "{\"events\":[" + String.join(",", batch) + "]}";
            send(body);
            if (tick % 20 == 7) {
                send(body); // an SDK that lost the answer retries with the same event ids: reported as duplicates
            }
            if (System.nanoTime() >= nextReport) {
                report();
                nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            long sleep = Duration.ofSeconds(1).toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
        report();
    }

    /** Registers (or re-keys) the demo app and points its partner settings at the fakes. */
    private void setUp() throws Exception {
        String ingestion = options.get("ingestion");
        HttpResponse<String> created = internal(ingestion + "/internal/v1/apps", "POST",
                "{\"appId\":\"" + APP + "\",\"platform\":\"android\"}");
        if (created.statusCode() == 409) {
            created = internal(ingestion + "/internal/v1/apps/" + APP + "/rotate-secret", "POST", null);
        }
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("cannot register the demo app: " + created.statusCode() + " " + created.body());
        }
        secret = EventJson.mapper().readTree(created.body()).get("secret").asString();
        String partners = options.get("attribution") + "/internal/v1/products/" + APP + "/partners/";
        put(partners + "appsflyer", "{\"appId\":\"" + DemoCredentials.APPSFLYER_ANDROID_APP + "\",\"s2sKey\":\""
                + DemoCredentials.APPSFLYER_KEY + "\"}");
        put(partners + "meta", "{\"datasetId\":\"" + DemoCredentials.META_DATASET + "\",\"accessToken\":\""
                + DemoCredentials.META_TOKEN + "\"}");
        put(partners + "tiktok", "{\"eventSourceId\":\"" + DemoCredentials.TIKTOK_EVENT_SOURCE + "\",\"accessToken\":\""
                + DemoCredentials.TIKTOK_TOKEN + "\"}");
        System.out.printf("demo app %s registered; partner settings point at %s%n", APP, options.get("fakes"));
    }

    private void put(String url, String json) throws Exception {
        HttpResponse<String> answer = internal(url, "PUT", json);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private HttpResponse<String> internal(String url, String method, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header(ServiceTokenFilter.HEADER, options.get("service-token"))
                .timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void send(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.get("ingestion") + "/v1/events"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "DemoGame/3.2.1 Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8)")
                .header(RequestSigner.APP_ID_HEADER, APP)
                .header(RequestSigner.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSigner.SIGNATURE_HEADER, RequestSigner.signatureHeader(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 202) {
                for (JsonNode result : EventJson.mapper().readTree(answer.body()).get("results")) {
                    switch (result.get("status").asString()) {
                        case "accepted" -> accepted.incrementAndGet();
                        case "duplicate" -> duplicates.incrementAndGet();
                        default -> {
                            refused.incrementAndGet();
                            System.out.println("refused: " + result);
                        }
                    }
                }
            } else {
                System.out.printf("ingestion answered %d: %s%n", answer.statusCode(), answer.body());
            }
        } catch (IOException e) {
            System.out.println("ingestion not reachable (" + e.getMessage() + "); will retry next second");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report() {
        String partners;
        try {
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(options.get("fakes") + "/_fakes/stats"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            StringBuilder line = new StringBuilder();
            EventJson.mapper().readTree(stats.body()).properties().forEach(p -> line.append(p.getKey()).append(' ')
                    .append(p.getValue().path("acceptedEvents").asLong()).append(" events/")
                    .append(p.getValue().path("refusedRequests").asLong()).append(" refused  "));
            partners = line.toString().trim();
        } catch (Exception e) {
            partners = "(fakes not reachable)";
        }
        System.out.printf("%s  sent: accepted=%d duplicate=%d refused=%d | partners received: %s%n",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), accepted.get(), duplicates.get(),
                refused.get(), partners);
    }

    /** One simulated Android device, with ids in AppsFlyer's and Google's formats. */
    private record Device(String appsflyerId, String gaid, String androidId, String userId) {

        static Device random(Random random) {
            // AppsFlyer's Android format: 13 digits, '-', 19 digits
            String appsflyerId = random.nextLong(1_000_000_000_000L, 10_000_000_000_000L) + "-"
                    + random.nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE);
            return new Device(appsflyerId, java.util.UUID.randomUUID().toString(), Long.toHexString(random.nextLong()),
                    "user-" + Integer.toHexString(random.nextInt()));
        }

        private String common(String type) {
            return "\"eventId\":\"" + EventIds.newId() + "\",\"type\":\"" + type + "\",\"platform\":\"android\","
                    + "\"device\":{\"appsflyerId\":\"" + appsflyerId + "\",\"gaid\":\"" + gaid + "\",\"androidId\":\""
                    + androidId + "\"},\"occurredAt\":\"" + Instant.now() + "\",\"appVersion\":\"3.2.1\"";
        }

        String activation(String mediaSource) {
            String attribution = "organic".equals(mediaSource) ? ""
                    : ",\"attribution\":{\"mediaSource\":\"" + mediaSource + "\",\"campaign\":\"demo-launch\"}";
            return "{" + common("activation") + attribution + "}";
        }

        String login() {
            return "{" + common("login") + ",\"customerUserId\":\"" + userId + "\"}";
        }

        String payment(String amount, String currency) {
            return "{" + common("payment") + ",\"customerUserId\":\"" + userId + "\",\"revenue\":{\"amount\":\"" + amount
                    + "\",\"currency\":\"" + currency + "\"},\"email\":\"" + userId + "@example.com\"}";
        }
    }
}
