package io.adplatform.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fakes over real HTTP: routing, latency, scripts and the read-only view. */
class PartnerFakesServerTest {

    static PartnerFakes fakes;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.start();
        fakes.appsflyer().register("com.example.game", "af-key");
        fakes.meta().register("42", "meta-secret-token");
        fakes.tiktok().register("SRC", "tt-token");
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void reset() {
        fakes.reset();
        fakes.latency(Duration.ZERO);
    }

    static HttpResponse<String> post(String url, String contentType, String header, String value, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            b.header(header, value);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> appsflyer() throws Exception {
        return post(fakes.appsflyerBaseUrl() + "/inappevent/com.example.game", "application/json", "authentication",
                "af-key", "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"af_login\","
                        + "\"eventValue\":\"\"}");
    }

    @Test
    void routesEachPartnerByPathPrefix() throws Exception {
        long now = Instant.now().getEpochSecond();
        String metaEvent = "[{\"event_name\":\"Lead\",\"event_time\":" + now + ",\"event_id\":\"m1\","
                + "\"action_source\":\"system_generated\",\"user_data\":{\"client_ip_address\":\"203.0.113.7\"}}]";
        HttpResponse<String> meta = post(fakes.metaBaseUrl() + "/v21.0/42/events", "application/x-www-form-urlencoded",
                null, null, "data=" + URLEncoder.encode(metaEvent, StandardCharsets.UTF_8) + "&access_token=meta-secret-token");
        HttpResponse<String> tiktok = post(fakes.tiktokBaseUrl() + "/open_api/v1.3/event/track/", "application/json",
                "Access-Token", "tt-token", "{\"event_source\":\"web\",\"event_source_id\":\"SRC\",\"data\":[{\"event\":"
                        + "\"ViewContent\",\"event_time\":" + now + ",\"event_id\":\"t1\"}]}");

        assertThat(appsflyer().body()).isEqualTo("OK");
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.body()).contains("\"events_received\":1");
        assertThat(meta.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(tiktok.body()).contains("\"code\":0");
        assertThat(fakes.meta().timesAccepted("m1")).isEqualTo(1);
        assertThat(fakes.tiktok().timesAccepted("t1")).isEqualTo(1);
    }

    @Test
    void answersAfterTheConfiguredLatency() throws Exception {
        fakes.appsflyer().latency(Duration.ofMillis(120));

        long start = System.nanoTime();
        HttpResponse<String> r = appsflyer();
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(120);
    }

    @Test
    void scriptsFiveHundredThenTheRealAnswer() throws Exception {
        fakes.appsflyer().failNext(2, 500);

        assertThat(appsflyer().statusCode()).isEqualTo(500);
        assertThat(appsflyer().statusCode()).isEqualTo(500);
        assertThat(appsflyer().statusCode()).isEqualTo(200);
        assertThat(fakes.appsflyer().acceptedRequestCount()).isEqualTo(1);
        assertThat(fakes.appsflyer().refused()).extracting(ReceivedRequest::reason).containsOnly("scripted answer 500");
    }

    @Test
    void theViewShowsWhatArrivedWithTokensMasked() throws Exception {
        appsflyer();
        post(fakes.metaBaseUrl() + "/v21.0/42/events", "application/x-www-form-urlencoded", null, null,
                "data=%5B%5D&access_token=meta-secret-token");

        HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                + "/_fakes/received?partner=meta")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl() + "/_fakes/stats"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                + "/_fakes/received?partner=google")).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode list = FakeJson.MAPPER.readTree(view.body());
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("accepted").asBoolean()).isFalse();
        assertThat(list.get(0).get("reason").asString()).contains("data has 0 events");
        assertThat(view.body()).doesNotContain("meta-secret-token");
        assertThat(FakeJson.MAPPER.readTree(stats.body()).at("/appsflyer/acceptedRequests").asInt()).isEqualTo(1);
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void graphBatchesAtTheRootGoToTheMarketingFakeWithEveryTokenMasked() throws Exception {
        fakes.metaMarketing().registerAdAccount("act_7", "meta-secret-token").registerAdAccount("act_8", "op-secret")
                .createAd("act_8", "88", "P1");
        String batch = "[{\"method\":\"GET\",\"relative_url\":\"88?fields=status&access_token=op-secret\"}]";

        HttpResponse<String> r = post(fakes.metaBaseUrl(), "application/x-www-form-urlencoded", null, null,
                "access_token=meta-secret-token&batch=" + URLEncoder.encode(batch, StandardCharsets.UTF_8));
        HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                + "/_fakes/received?partner=meta-marketing")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(FakeJson.MAPPER.readTree(r.body()).at("/0/code").asInt()).isEqualTo(200);
        assertThat(fakes.meta().requestCount()).isZero();
        assertThat(view.body()).doesNotContain("meta-secret-token").doesNotContain("op-secret").contains("****");
    }

    @Test
    void eventAndMarketingApisShareAPrefixButNotAFake() throws Exception {
        fakes.tiktokMarketing().registerAdvertiser("ADV", "tt-token").createAd("ADV", "AD1", "myapp://a");
        fakes.metaMarketing().registerAdAccount("act_7", "meta-secret-token").createAd("act_7", "77", "P1", "myapp://a");
        long now = Instant.now().getEpochSecond();
        post(fakes.tiktokBaseUrl() + "/open_api/v1.3/event/track/", "application/json", "Access-Token", "tt-token",
                "{\"event_source\":\"web\",\"event_source_id\":\"SRC\",\"data\":[{\"event\":\"ViewContent\","
                        + "\"event_time\":" + now + ",\"event_id\":\"t1\"}]}");
        HttpResponse<String> adGet = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.tiktokBaseUrl()
                + "/open_api/v1.3/ad/get/?advertiser_id=ADV")).header("Access-Token", "tt-token").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metaAd = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.metaBaseUrl()
                + "/v21.0/77?fields=status&access_token=meta-secret-token")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metaEvents = post(fakes.metaBaseUrl() + "/v21.0/42/events", "application/json", null, null,
                "{\"data\":[],\"access_token\":\"meta-secret-token\"}");
        HttpResponse<String> unknownTikTok = post(fakes.tiktokBaseUrl() + "/elsewhere", "application/json", null, null,
                "{}");

        assertThat(FakeJson.MAPPER.readTree(adGet.body()).at("/data/list/0/deeplink").asString()).isEqualTo("myapp://a");
        assertThat(FakeJson.MAPPER.readTree(metaAd.body()).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(metaEvents.body()).contains("param data must be an array");
        assertThat(unknownTikTok.statusCode()).isEqualTo(404);
        assertThat(fakes.tiktok().requestCount()).isEqualTo(2);
        assertThat(fakes.tiktokMarketing().requestCount()).isEqualTo(1);
        assertThat(fakes.meta().requestCount()).isEqualTo(1);
        assertThat(fakes.metaMarketing().requestCount()).isEqualTo(1);

        JsonNode stats = FakeJson.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                + "/_fakes/stats")).build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> all = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl() + "/_fakes/received"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> marketing = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                + "/_fakes/received?partner=meta-marketing")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stats.propertyNames()).containsExactly("appsflyer", "meta", "tiktok", "meta-marketing",
                "tiktok-marketing", "generic-dsp");
        assertThat(stats.at("/tiktok-marketing/acceptedRequests").asInt()).isEqualTo(1);
        assertThat(stats.at("/tiktok-marketing/ads").asInt()).isEqualTo(1);
        assertThat(stats.at("/meta-marketing/creatives").asInt()).isEqualTo(1);
        assertThat(stats.at("/generic-dsp/deeplinkUpdates").asInt()).isZero();
        assertThat(FakeJson.MAPPER.readTree(all.body()).size()).isEqualTo(5);
        assertThat(all.body()).doesNotContain("meta-secret-token");
        assertThat(FakeJson.MAPPER.readTree(marketing.body()).size()).isEqualTo(1);
    }

    @Test
    void latencyAndResetReachTheMarketingFakes() throws Exception {
        fakes.genericDsp().registerAccount("acc", "tok").createAd("acc", "ad", "myapp://a");
        fakes.latency(Duration.ofMillis(80));

        long start = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.genericDspBaseUrl() + "/ads/ad"))
                .header("Authorization", "Bearer tok").build(), HttpResponse.BodyHandlers.ofString());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        fakes.reset();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(80);
        assertThat(fakes.genericDsp().currentDeeplink("ad")).isNull();
        assertThat(fakes.genericDsp().requestCount()).isZero();
    }

    @Test
    void unknownPrefixIs404() throws Exception {
        assertThat(post(fakes.baseUrl() + "/google/x", "application/json", null, null, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void parsesDemoCredentialPairs() {
        assertThat(PartnerFakes.pairs("a=1, b=2")).containsEntry("a", "1").containsEntry("b", "2");
    }
}
