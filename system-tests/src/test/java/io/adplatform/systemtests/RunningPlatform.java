package io.adplatform.systemtests;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.web.ServiceTokenFilter;
import io.adplatform.fakes.DemoCredentials;
import io.adplatform.fakes.PartnerFakes;
import io.adplatform.ingestion.apps.RequestSigner;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * The whole attribution pipeline, for real: an embedded KRaft Kafka broker, the machine's Redis and MariaDB (own
 * database names and key prefixes per run), the partner fakes, and new-device, ingestion and attribution-callback
 * services each in its own JVM started from the jar the build produced.
 */
final class RunningPlatform implements AutoCloseable {

    static final String SERVICE_TOKEN = "system-test-token-" + UUID.randomUUID();
    static final String ANDROID_APP = DemoCredentials.APPSFLYER_ANDROID_APP;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String ingestionDb = "st_ingestion_" + run;
    private final String attributionDb = "st_attribution_" + run;
    private final String redisPrefix = "st:" + run + ":";
    final EmbeddedKafkaBroker kafka;
    final PartnerFakes fakes;
    final ServiceProcess newDevice;
    final ServiceProcess ingestion;
    final ServiceProcess attribution;
    private String appSecret;

    RunningPlatform() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3)
                // One broker: internal topics with replication 1 and few partitions, so the group and transaction
                // coordinators are ready in seconds on a 2-core machine.
                .brokerProperties(Map.of(
                        "offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "3",
                        "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                        "transaction.state.log.num.partitions", "3", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        fakes = PartnerFakes.start();
        fakes.appsflyer().register(DemoCredentials.APPSFLYER_ANDROID_APP, DemoCredentials.APPSFLYER_KEY);
        fakes.meta().register(DemoCredentials.META_DATASET, DemoCredentials.META_TOKEN);
        fakes.tiktok().register(DemoCredentials.TIKTOK_EVENT_SOURCE, DemoCredentials.TIKTOK_TOKEN);

        newDevice = new ServiceProcess("new-device-service", Map.of(
                "adplatform.service-token", SERVICE_TOKEN,
                "adplatform.new-device.pool.key-prefix", redisPrefix + "np:"));
        Map<String, String> ingestionProps = new LinkedHashMap<>();
        ingestionProps.put("adplatform.service-token", SERVICE_TOKEN);
        ingestionProps.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        ingestionProps.put("spring.datasource.url", jdbc(ingestionDb) + "?createDatabaseIfNotExist=true");
        ingestionProps.put("adplatform.ingestion.events.dedup-key-prefix", redisPrefix + "ing:seen:");
        ingestionProps.put("adplatform.ingestion.router.attribution-key-prefix", redisPrefix + "ing:attr:");
        ingestionProps.put("adplatform.ingestion.router.new-device-base-url", newDevice.baseUrl());
        ingestionProps.put("adplatform.ingestion.apps.refresh-interval", "500ms");
        ingestion = new ServiceProcess("ingestion-service", ingestionProps);
        Map<String, String> attributionProps = new LinkedHashMap<>();
        attributionProps.put("adplatform.service-token", SERVICE_TOKEN);
        attributionProps.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        attributionProps.put("spring.datasource.url", jdbc(attributionDb) + "?createDatabaseIfNotExist=true");
        attributionProps.put("adplatform.attribution.appsflyer.base-url", fakes.appsflyerBaseUrl());
        attributionProps.put("adplatform.attribution.meta.base-url", fakes.metaBaseUrl());
        attributionProps.put("adplatform.attribution.tiktok.base-url", fakes.tiktokBaseUrl());
        attributionProps.put("adplatform.attribution.settings.cache-ttl", "500ms");
        attribution = new ServiceProcess("attribution-callback-service", attributionProps);
    }

    /** This run's Redis key prefix: every key under it is deleted on close. */
    String redisPrefix() {
        return redisPrefix;
    }

    RunningPlatform start() {
        newDevice.start();
        ingestion.start();
        attribution.start();
        registerApp();
        configurePartners();
        return this;
    }

    /** Registers the demo Android app with ingestion and keeps its signing secret. */
    private void registerApp() {
        JsonNode app = internal(ingestion, "POST", "/internal/v1/apps",
                Map.of("appId", ANDROID_APP, "platform", "android"), 201);
        appSecret = app.get("secret").asString();
    }

    private void configurePartners() {
        String base = "/internal/v1/products/" + ANDROID_APP + "/partners/";
        internal(attribution, "PUT", base + "appsflyer",
                Map.of("appId", DemoCredentials.APPSFLYER_ANDROID_APP, "s2sKey", DemoCredentials.APPSFLYER_KEY), 200);
        internal(attribution, "PUT", base + "meta",
                Map.of("datasetId", DemoCredentials.META_DATASET, "accessToken", DemoCredentials.META_TOKEN), 200);
        internal(attribution, "PUT", base + "tiktok",
                Map.of("eventSourceId", DemoCredentials.TIKTOK_EVENT_SOURCE, "accessToken", DemoCredentials.TIKTOK_TOKEN), 200);
        // Settings are cached for cache-ttl; let every instance see them before events flow.
        ServiceProcess.sleep(1_000);
    }

    /** Posts a body to ingestion the way an SDK does: HMAC-signed with the app's secret, from a client behind no proxy. */
    HttpResponse<String> postEvents(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestion.baseUrl() + "/v1/events"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8)")
                .header(RequestSigner.APP_ID_HEADER, ANDROID_APP)
                .header(RequestSigner.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSigner.SIGNATURE_HEADER, RequestSigner.signatureHeader(appSecret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST /v1/events failed", e);
        }
    }

    JsonNode internal(ServiceProcess service, String method, String path, Object body, int expectedStatus) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                    .header(ServiceTokenFilter.HEADER, SERVICE_TOKEN)
                    .timeout(Duration.ofSeconds(30));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? null : EventJson.mapper().readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    @Override
    public void close() throws Exception {
        try (attribution; ingestion; newDevice; fakes) {
            // stop the services before their infrastructure goes away
        } finally {
            kafka.destroy();
            dropDatabases();
            deleteRedisKeys();
        }
    }

    private void dropDatabases() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbc(""), "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + ingestionDb);
            statement.execute("DROP DATABASE IF EXISTS " + attributionDb);
        }
    }

    private void deleteRedisKeys() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (var connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(redisPrefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    static String jdbc(String database) {
        return "jdbc:mariadb://127.0.0.1:3306/" + database;
    }
}
