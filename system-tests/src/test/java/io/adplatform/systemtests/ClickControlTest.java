package io.adplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.web.ServiceTokenFilter;
import io.adplatform.fakes.DeeplinkChange;
import io.adplatform.fakes.PartnerFakes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * DP-link control across processes: a DSP's click callbacks reach ingestion-service's click endpoint, go through
 * {@code tracking-clicks} to dplink-controller, which swaps the ad's deep link at the TikTok Marketing API fake. Then
 * the controller is killed (SIGKILL) while the DSP is answering a swap it has already applied: after a restart the
 * swap is completed once, and no link is lost.
 */
class ClickControlTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = "system-test-token-" + UUID.randomUUID();
    private static final String ADVERTISER = "7000000000000000042";
    private static final String TT_TOKEN = "st-tiktok-marketing-token";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static EmbeddedKafkaBroker kafka;
    private static PartnerFakes fakes;
    private static ServiceProcess ingestion;
    private static ServiceProcess dplink;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3).brokerProperties(Map.of(
                "offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "3", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        fakes = PartnerFakes.start();
        fakes.tiktokMarketing().registerAdvertiser(ADVERTISER, TT_TOKEN);

        Map<String, String> ing = new LinkedHashMap<>();
        ing.put("adplatform.service-token", TOKEN);
        ing.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        ing.put("spring.datasource.url", "jdbc:mariadb://127.0.0.1:3306/st_clk_ingestion_" + RUN + "?createDatabaseIfNotExist=true");
        ing.put("adplatform.ingestion.events.dedup-key-prefix", "st:" + RUN + ":ing:seen:");
        ing.put("adplatform.ingestion.router.attribution-key-prefix", "st:" + RUN + ":ing:attr:");
        ing.put("adplatform.ingestion.router.new-device-base-url", "http://127.0.0.1:9");
        ingestion = new ServiceProcess("ingestion-service", ing).start();

        Map<String, String> dp = new LinkedHashMap<>();
        dp.put("adplatform.service-token", TOKEN);
        dp.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        dp.put("spring.datasource.url", "jdbc:mariadb://127.0.0.1:3306/st_clk_dplink_" + RUN + "?createDatabaseIfNotExist=true");
        dp.put("adplatform.dplink.counting.key-prefix", "st:" + RUN + ":dpl:");
        dp.put("adplatform.dplink.counting.dedup", "true");
        dp.put("adplatform.dplink.dsp.tiktok.base-url", fakes.tiktokBaseUrl());
        dp.put("adplatform.dplink.dsp.tiktok.access-token", TT_TOKEN);
        dp.put("adplatform.dplink.dsp.request-timeout", "20s");
        // a killed consumer's partitions move to the restarted one after this, not after the default 45 s
        dp.put("spring.kafka.consumer.properties.session.timeout.ms", "8000");
        dplink = new ServiceProcess("dplink-controller", dp).start();
    }

    @AfterAll
    static void stop() throws Exception {
        try (AutoCloseable k = kafka::destroy; PartnerFakes f = fakes; ServiceProcess i = ingestion; ServiceProcess d = dplink) {
            for (String db : List.of("st_clk_ingestion_" + RUN, "st_clk_dplink_" + RUN)) {
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS `" + db + "`");
                }
            }
        }
    }

    @Test
    void clickCallbacksDriveSwapsAndAKilledWorkerFinishesItsSwapOnceAfterRestart() throws Exception {
        String ad = "st-" + RUN;
        String dspAd = "1800000000000" + (System.nanoTime() % 1_000_000);
        fakes.tiktokMarketing().createAd(ADVERTISER, dspAd, "demoapp://initial");
        api("PUT", "/ads/" + ad, """
                {"dsp":"TIKTOK","accountId":"%s","dspAdId":"%s","defaultCap":60,"roundSize":20,"waitCapacity":2,
                 "lateReserve":0}""".formatted(ADVERTISER, dspAd), 201);
        JsonNode added = api("POST", "/ads/" + ad + "/links",
                "{\"links\":[{\"url\":\"demoapp://p/1\"},{\"url\":\"demoapp://p/2\"},{\"url\":\"demoapp://p/3\"}]}", 201);
        List<Long> links = new ArrayList<>();
        added.path("linkIds").forEach(n -> links.add(n.asLong()));
        api("POST", "/ads/" + ad + "/resume", null, 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "demoapp://p/1".equals(fakes.tiktokMarketing().currentDeeplink(dspAd)));

        // a round's worth of click callbacks, one of them reported twice by the DSP: counted once
        for (int i = 0; i < 20; i++) {
            click(ad, links.get(0), "c1-" + i);
        }
        click(ad, links.get(0), "c1-7");
        await().atMost(Duration.ofSeconds(30)).until(() -> "demoapp://p/2".equals(fakes.tiktokMarketing().currentDeeplink(dspAd)));
        assertThat(state(ad).path("links").get(0).path("clicks").asLong()).isEqualTo(20);
        long generation = state(ad).path("generation").asLong();

        // the DSP applies the next swap at once but answers only after 5 s: the controller dies in between
        fakes.tiktokMarketing().latency(Duration.ofSeconds(5));
        for (int i = 0; i < 20; i++) {
            click(ad, links.get(1), "c2-" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "demoapp://p/3".equals(fakes.tiktokMarketing().currentDeeplink(dspAd)));
        dplink.kill();
        fakes.tiktokMarketing().latency(Duration.ZERO);
        dplink.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> state(ad).path("generation").asLong() == generation + 1);
        JsonNode s = state(ad);
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(links.get(2));
        assertThat(s.path("links").get(1).path("state").asString()).as("the swapped-out link is not lost").isEqualTo("WAITING");
        assertThat(s.path("links").get(0).path("state").asString()).isEqualTo("WAITING");
        JsonNode swaps = api("GET", "/ads/" + ad + "/swaps", null, 200).path("swaps");
        assertThat(swaps.valueStream().filter(w -> w.path("generation").asLong() == generation).toList()).hasSize(1);
        assertThat(swaps.get(0).path("status").asString()).isEqualTo("DONE");
        List<String> dspHistory = fakes.tiktokMarketing().deeplinkHistory(dspAd).stream().map(DeeplinkChange::deeplink).toList();
        assertThat(dspHistory.subList(2, dspHistory.size())).as("after the crash only the same link is set again")
                .containsOnly("demoapp://p/3");
        assertThat(state(ad).path("totals").path("clicks").asLong()).isEqualTo(40);
    }

    private static void click(String ad, long link, String clickId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingestion.baseUrl()
                        + "/v1/track/click?src=tiktok&ad=" + ad + "&link=" + link + "&cid=" + clickId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static JsonNode state(String ad) throws Exception {
        return api("GET", "/ads/" + ad, null, 200);
    }

    private static JsonNode api(String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dplink.baseUrl() + "/internal/v1/dplink" + path))
                .header(ServiceTokenFilter.HEADER, TOKEN).timeout(Duration.ofSeconds(30));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? null : EventJson.mapper().readTree(r.body());
    }
}
