package io.adplatform.ingestion.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.adplatform.ingestion.IngestionApplication;
import io.adplatform.ingestion.support.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Click reports end to end: real Tomcat, embedded Kafka, the machine's Redis and MariaDB (own database and key
 * prefix). The clock is fixed, so what reaches {@code tracking-clicks} can be compared whole. Every test uses its own
 * link ids, so records of the other tests in the shared topic are told apart by key.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "adplatform.ingestion.router.enabled=false",
                "adplatform.ingestion.kafka.partitions=2",
                "adplatform.ingestion.clicks.max-batch=5",
                "adplatform.ingestion.clicks.max-body-size=4KB",
                "adplatform.ingestion.clicks.max-query-length=1024"})
@EmbeddedKafka(partitions = 2)
@Import(ClicksApiTest.FixedClock.class)
@DirtiesContext
class ClicksApiTest {

    static final String SUFFIX = TestInfra.randomSuffix();
    static final String DATABASE = "ingestion_test_" + SUFFIX;
    static final String PREFIX = "test:ing:" + SUFFIX + ":";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfra.databaseUrl(DATABASE));
        registry.add("adplatform.ingestion.events.dedup-key-prefix", () -> PREFIX + "seen:");
    }

    @AfterAll
    static void cleanUp(@Autowired StringRedisTemplate redis) {
        TestInfra.deleteKeys(redis, PREFIX);
        TestInfra.dropDatabase(DATABASE);
    }

    @LocalServerPort
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String link(String name) {
        return "lnk-" + name + "-" + SUFFIX;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void clickMonitorUrlWritesTheExactClickReportKeyedByLink() {
        // given a click-monitor URL as a DSP filled it in, 42 s after the click
        String link = link("get");
        String clickId = "E.C.P.Cq" + SUFFIX + "+/=";
        String url = "/v1/track/click?src=tiktok&ad=ad-77&link=" + link + "&cid=" + enc(clickId)
                + "&ts=" + NOW.minusSeconds(42).getEpochSecond() + "&ip=203.0.113.7&ua=" + enc("Mozilla/5.0 (iPhone)");

        // when
        HttpResponse<String> response = get(url, Map.of("User-Agent", "TikTok-Callback/1.0"));

        // then it is answered 204, and the record was in Kafka before the answer
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        List<ConsumerRecord<String, String>> records = records(link);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(link);
        assertThat(click(records.get(0))).isEqualTo(new ClickReport(clickId, "tiktok", "ad-77", link,
                NOW.minusSeconds(42), NOW, "203.0.113.7", "Mozilla/5.0 (iPhone)"));
    }

    @Test
    void clickTimeInSecondsOrMillisAndTheCallerFillsInWhatTheUrlLacks() {
        String seconds = link("sec");
        String millis = link("ms");
        String bare = link("bare");
        Map<String, String> headers = Map.of("User-Agent", "Mozilla/5.0 (Android)", "X-Forwarded-For", "198.51.100.9");

        assertThat(get(url(seconds, "c1") + "&ts=" + NOW.minusSeconds(600).getEpochSecond(), headers).statusCode())
                .isEqualTo(204);
        assertThat(get(url(millis, "c2") + "&ts=" + NOW.minusMillis(1_234).toEpochMilli(), headers).statusCode())
                .isEqualTo(204);
        assertThat(get(url(bare, "c3"), headers).statusCode()).isEqualTo(204);

        assertThat(click(records(seconds).get(0)).clickedAt()).isEqualTo(NOW.minusSeconds(600));
        assertThat(click(records(millis).get(0)).clickedAt()).isEqualTo(NOW.minusMillis(1_234));
        // no ts: the received time; no ip/ua: the client behind our (loopback = trusted) proxy, and its header
        assertThat(click(records(bare).get(0))).isEqualTo(new ClickReport("c3", "tiktok", "ad-1", bare, NOW, NOW,
                "198.51.100.9", "Mozilla/5.0 (Android)"));
    }

    @Test
    void batchIsAnsweredOnlyOnceEveryClickIsWritten() {
        // given three clicks on two links, times as ISO-8601 and as epoch millis
        String a = link("batch-a");
        String b = link("batch-b");
        String body = """
                {"clicks":[
                  {"source":"meta","adId":"ad-1","linkId":"%s","clickId":"m1","clickedAt":"%s"},
                  {"source":"meta","adId":"ad-1","linkId":"%s","clickId":"m2","clickedAt":%d,"ip":"2001:db8::7"},
                  {"source":"dsp-x","adId":"ad-2","linkId":"%s","clickId":"x1","clickedAt":"%s","userAgent":"UA/1"}]}"""
                .formatted(a, NOW.minusSeconds(5), a, NOW.minusMillis(300).toEpochMilli(), b, NOW.minusSeconds(3600));

        // when
        HttpResponse<String> response = post(body, "application/json");

        // then
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(3);
        assertThat(records(a)).extracting(ClicksApiTest::click).containsExactlyInAnyOrder(
                new ClickReport("m1", "meta", "ad-1", a, NOW.minusSeconds(5), NOW, null, null),
                new ClickReport("m2", "meta", "ad-1", a, NOW.minusMillis(300), NOW, "2001:db8::7", null));
        assertThat(records(b)).extracting(ClicksApiTest::click).containsExactly(
                new ClickReport("x1", "dsp-x", "ad-2", b, NOW.minusSeconds(3600), NOW, null, "UA/1"));
        // one link's clicks share a partition
        assertThat(records(a)).extracting(ConsumerRecord::partition).containsOnly(records(a).get(0).partition());
    }

    @Test
    void eachBadFieldIsNamedInProblemJsonAndNothingIsWritten() {
        // given one bad value per request, everything else valid, all under one link id
        String link = link("bad");
        String good = "src=tiktok&ad=ad-1&link=" + link + "&cid=c-1";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(good.replace("&cid=c-1", ""), "cid");
        cases.put(good.replace("cid=c-1", "cid=a%20b"), "cid");
        cases.put(good.replace("cid=c-1", "cid=" + "c".repeat(129)), "cid");
        cases.put(good.replace("cid=c-1", "cid=__CALLBACK_PARAM__"), "cid");
        cases.put(good + "&cid=c-2", "cid");
        cases.put(good.replace("link=" + link, "link=" + link + "%2Fx"), "link");
        cases.put(good.replace("link=" + link, "link=" + "l".repeat(65)), "link");
        cases.put(good.replace("ad=ad-1&", ""), "ad");
        cases.put(good.replace("ad=ad-1", "ad=__AID__"), "ad");
        cases.put(good.replace("src=tiktok", "src=tik%20tok"), "src");
        cases.put(good.replace("src=tiktok&", ""), "src");
        cases.put(good + "&ts=" + NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).getEpochSecond(), "ts");
        cases.put(good + "&ts=" + NOW.minus(Duration.ofDays(7)).minusSeconds(1).toEpochMilli(), "ts");
        cases.put(good + "&ts=today", "ts");
        cases.put(good + "&ip=300.1.2.3", "ip");
        List<String> wrong = new ArrayList<>();

        // when / then
        cases.forEach((query, field) -> {
            HttpResponse<String> response = get("/v1/track/click?" + query, Map.of());
            if (!isProblem(response, 400, "invalid_click") || !fields(json(response)).equals(List.of(field))) {
                wrong.add(field + " ← " + query + " → " + response.statusCode() + " " + response.body());
            }
        });
        // a pixel-style Accept header still gets the problem
        HttpResponse<String> pixel = get("/v1/track/click?" + good.replace("&cid=c-1", ""), Map.of("Accept", "image/*"));
        if (!isProblem(pixel, 400, "invalid_click")) {
            wrong.add("Accept: image/* → " + pixel.statusCode() + " " + pixel.body());
        }
        HttpResponse<String> tooLong = get("/v1/track/click?" + good + "&pad=" + "x".repeat(1024), Map.of());
        if (!isProblem(tooLong, 414, "query_too_long")) {
            wrong.add("overlong query → " + tooLong.statusCode() + " " + tooLong.body());
        }

        assertThat(wrong).as("cases with a wrong answer").isEmpty();
        assertThat(records(link)).as("nothing reached Kafka").isEmpty();
    }

    @Test
    void aBatchWithOneBadClickWritesNothing() {
        String link = link("batch-bad");
        String click = """
                {"source":"meta","adId":"ad-1","linkId":"%s","clickId":"%s","clickedAt":"%s"}""";
        String body = "{\"clicks\":[" + click.formatted(link, "b0", NOW) + "," + click.formatted(link, "b1", NOW) + ","
                + click.formatted(link + "/x", "b2", NOW) + "," + click.formatted(link, "b3", "2020-01-01T00:00:00Z") + "]}";

        HttpResponse<String> response = post(body, "application/json");

        assertThat(isProblem(response, 400, "invalid_click")).as(response.body()).isTrue();
        JsonNode problem = json(response);
        assertThat(fields(problem)).containsExactly("clicks[2].linkId", "clicks[3].clickedAt");
        assertThat(problem.get("errors").get(0).get("index").asInt()).isEqualTo(2);
        assertThat(problem.get("detail").asString()).isEqualTo("2 of 4 clicks are invalid; nothing was written; see errors");
        assertThat(records(link)).as("nothing reached Kafka").isEmpty();
    }

    @Test
    void batchShapeAndSizeAreCheckedBeforeAnyClick() {
        String link = link("batch-shape");
        String click = """
                {"source":"meta","adId":"ad-1","linkId":"%s","clickId":"s","clickedAt":"%s"}""".formatted(link, NOW);
        List<String> wrong = new ArrayList<>();

        check(wrong, "malformed", post("{\"clicks\":[", "application/json"), 400, "malformed_json");
        check(wrong, "no clicks", post("{\"click\":[" + click + "]}", "application/json"), 400, "invalid_batch");
        check(wrong, "empty", post("{\"clicks\":[]}", "application/json"), 400, "empty_batch");
        check(wrong, "too many", post("{\"clicks\":[" + (click + ",").repeat(5) + click + "]}", "application/json"),
                413, "too_many_clicks");
        check(wrong, "too large", post("{\"clicks\":[" + click + "],\"pad\":\"" + "x".repeat(5000) + "\"}",
                "application/json"), 413, "body_too_large");
        check(wrong, "wrong type", post("{\"clicks\":[{\"linkId\":7}]}", "application/json"), 400, "invalid_click");
        HttpResponse<String> text = post("{\"clicks\":[" + click + "]}", "text/plain");
        if (text.statusCode() != 415) {
            wrong.add("text/plain → " + text.statusCode());
        }

        assertThat(wrong).as("cases with a wrong answer").isEmpty();
        assertThat(records(link)).as("nothing reached Kafka").isEmpty();
    }

    @Test
    void operatorsSeeOutcomesAndDelays() {
        get(url(link("ops"), "o1") + "&ts=" + NOW.minusSeconds(90).getEpochSecond(), Map.of());
        get(url(link("ops"), "") , Map.of());

        String metrics = get("/actuator/prometheus", Map.of()).body();
        assertThat(metrics).contains("ingestion_clicks_total{outcome=\"accepted\",reason=\"none\"}")
                .contains("ingestion_clicks_total{outcome=\"rejected\",reason=\"cid\"}")
                .contains("ingestion_click_report_delay_seconds_bucket{le=\"120.0\"}")
                .contains("ingestion_click_report_delay_seconds_max")
                .contains("client_id=\"ingestion-clicks-1\"");
        String openApi = get("/v3/api-docs", Map.of()).body();
        assertThat(openApi).contains("/v1/track/click").contains("/v1/track/clicks");
    }

    // ---- helpers

    static String url(String link, String clickId) {
        return "/v1/track/click?src=tiktok&ad=ad-1&link=" + link + "&cid=" + clickId;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> post(String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/track/clicks"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<ConsumerRecord<String, String>> records(String link) {
        return TestInfra.readAll(brokers, Topics.TRACKING_CLICKS).stream()
                .filter(r -> r.key() != null && r.key().startsWith(link)).toList();
    }

    private static ClickReport click(ConsumerRecord<String, String> record) {
        return JsonSerde.of(ClickReport.class).deserialize(Topics.TRACKING_CLICKS,
                record.value().getBytes(StandardCharsets.UTF_8));
    }

    private static void check(List<String> wrong, String name, HttpResponse<String> response, int status, String reason) {
        if (!isProblem(response, status, reason)) {
            wrong.add(name + " → " + response.statusCode() + " " + response.body());
        }
    }

    private static boolean isProblem(HttpResponse<String> response, int status, String reason) {
        if (response.statusCode() != status
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        JsonNode body = json(response);
        return reason.equals(body.path("reason").asString()) && body.path("status").asInt() == status
                && !body.path("detail").asString().isEmpty();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }
}
