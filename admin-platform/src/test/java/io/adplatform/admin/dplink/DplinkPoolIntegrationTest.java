package io.adplatform.admin.dplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DP-link pools driven through admin-platform against the real dplink-controller (in this JVM, its own database, the
 * embedded Kafka, Redis and the faked TikTok Marketing API): permissions here, its answers and refusals passed on.
 */
class DplinkPoolIntegrationTest extends IntegrationTestBase {

    static final String ADVERTISER = "7101";
    static final String TIKTOK_TOKEN = "tt-admin-dplink-token";
    static DplinkControllerInProcess dplink;

    @Autowired
    Products products;

    @BeforeAll
    static void startDplinkController() {
        FAKES.tiktokMarketing().registerAdvertiser(ADVERTISER, TIKTOK_TOKEN);
        dplink = DplinkControllerInProcess.start(new DplinkControllerInProcess.Settings(DPLINK_PORT,
                KAFKA.getBrokersAsString(), Operators.SERVICE_TOKEN, REDIS_PREFIX + ":dpl:", FAKES.tiktokBaseUrl(),
                TIKTOK_TOKEN));
    }

    @AfterAll
    static void stopDplinkController() {
        if (dplink != null) {
            dplink.close();
        }
    }

    record Team(Client admin, Client buyer, Client viewer, String appId) {
    }

    Team team() {
        String appId = "com.dpl.t" + UUID.randomUUID().toString().substring(0, 8);
        products.upsertFromCatalog(appId, "DP-link app", "ANDROID", appId, null, null, null, "ACTIVE", Instant.now());
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        assertThat(admin.post("/api/v1/groups/" + group + "/products", "{\"appId\":\"" + appId + "\"}").status())
                .isEqualTo(200);
        Client buyer = operators.newUser(admin);
        operators.grant(admin, group, buyer.userId(), "BUYER");
        Client viewer = operators.newUser(admin);
        operators.grant(admin, group, viewer.userId(), "VIEWER");
        return new Team(admin, buyer, viewer, appId);
    }

    static String pools(String appId) {
        return "/api/v1/products/" + appId + "/dplink/pools";
    }

    static String newAdId() {
        return "adm-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String tiktokAd(String adId) {
        FAKES.tiktokMarketing().createAd(ADVERTISER, "tt-" + adId, "app://initial");
        return """
                {"dsp":"TIKTOK","accountId":"%s","dspAdId":"tt-%s","defaultCap":5000,"roundSize":500,"waitCapacity":20,
                 "lateReserve":0}""".formatted(ADVERTISER, adId);
    }

    static List<String> fields(Answer a) {
        List<String> out = new ArrayList<>();
        a.json().path("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    @Test
    void aBuyerCreatesAPoolAddsLinksStartsAndPausesItAndEveryoneOfTheProductSeesItsState() {
        Team t = team();
        String ad = newAdId();
        Answer created = t.buyer().put(pools(t.appId()) + "/" + ad, tiktokAd(ad));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("DRAFT");

        Answer added = t.buyer().post(pools(t.appId()) + "/" + ad + "/links",
                "{\"links\":[{\"url\":\"myapp://promo/1\"},{\"url\":\"myapp://promo/2\"},{\"url\":\"myapp://promo/3\",\"cap\":800}]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("added").asInt()).isEqualTo(3);
        long second = added.json().get("linkIds").get(1).asLong();
        assertThat(t.buyer().put(pools(t.appId()) + "/" + ad + "/links/" + second + "/cap", "{\"cap\":1200}").status())
                .isEqualTo(204);

        Answer resumed = t.buyer().post(pools(t.appId()) + "/" + ad + "/resume", null);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                t.viewer().get(pools(t.appId()) + "/" + ad).json().get("status").asString().equals("ACTIVE"));
        var state = t.viewer().get(pools(t.appId()) + "/" + ad).json();
        assertThat(state.get("totals").get("links").asInt()).isEqualTo(3);
        assertThat(state.get("links").get(1).get("cap").asInt()).isEqualTo(1200);
        assertThat(state.get("serving").get("url").asString()).isEqualTo("myapp://promo/1");
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).as("the DSP was told").isEqualTo("myapp://promo/1");
        Answer swaps = t.viewer().get(pools(t.appId()) + "/" + ad + "/swaps");
        assertThat(swaps.status()).isEqualTo(200);
        assertThat(swaps.json().get("swaps").get(0).get("kind").asString()).isEqualTo("START");

        assertThat(t.buyer().post(pools(t.appId()) + "/" + ad + "/pause", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                t.viewer().get(pools(t.appId()) + "/" + ad).json().get("status").asString().equals("PAUSED"));

        Answer update = t.buyer().put(pools(t.appId()) + "/" + ad, tiktokAd(ad).replace("5000", "3000"));
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.json().get("settings").get("defaultCap").asInt()).isEqualTo(3000);

        Answer list = t.viewer().get(pools(t.appId()));
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().get(0).get("adId").asString()).isEqualTo(ad);
        assertThat(t.admin().get("/api/v1/audit?limit=100").body()).contains("dplink-pool.created",
                "dplink-pool.links-added", "dplink-pool.link-cap-set", "dplink-pool.resumed", "dplink-pool.paused",
                "dplink-pool.changed");
    }

    @Test
    void aBuyerRetiresTheServingLinkAndTheAdIsSwappedAtTheDspOnce() {
        Team t = team();
        String ad = newAdId();
        assertThat(t.buyer().put(pools(t.appId()) + "/" + ad, tiktokAd(ad)).status()).isEqualTo(201);
        Answer added = t.buyer().post(pools(t.appId()) + "/" + ad + "/links",
                "{\"links\":[{\"url\":\"myapp://wrong/1\"},{\"url\":\"myapp://right/2\"}]}");
        long wrong = added.json().get("linkIds").get(0).asLong();
        assertThat(t.buyer().post(pools(t.appId()) + "/" + ad + "/resume", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                t.viewer().get(pools(t.appId()) + "/" + ad).json().get("status").asString().equals("ACTIVE"));
        String retire = pools(t.appId()) + "/" + ad + "/links/" + wrong + "/retire";

        // permission first: a viewer may not, another product does not see the ad, an unknown link is passed on
        assertThat(t.viewer().post(retire, null).status()).isEqualTo(403);
        Team other = team();
        assertThat(other.buyer().post(pools(other.appId()) + "/" + ad + "/links/" + wrong + "/retire", null).status())
                .isEqualTo(404);
        Answer unknown = t.buyer().post(pools(t.appId()) + "/" + ad + "/links/999999999/retire", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).contains("has no link 999999999");

        Answer retired = t.buyer().post(retire, null);
        assertThat(retired.status()).as(retired.body()).isEqualTo(202);
        assertThat(retired.json().get("linkId").asLong()).isEqualTo(wrong);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                t.viewer().get(pools(t.appId()) + "/" + ad).json().get("serving").path("url").asString()
                        .equals("myapp://right/2"));
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).isEqualTo("myapp://right/2");
        assertThat(FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad)).as("start, then one swap").hasSize(2);

        Answer again = t.buyer().post(retire, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("state").asString()).isEqualTo("RETIRED");
        assertThat(FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad)).hasSize(2);
        var step = t.viewer().get(pools(t.appId()) + "/" + ad + "/swaps").json().get("swaps").get(0);
        assertThat(step.get("oldLinkId").asLong()).isEqualTo(wrong);
        assertThat(step.get("oldLinkNext").asString()).isEqualTo("RETIRED");
        assertThat(t.admin().get("/api/v1/audit?limit=100").body()).contains("dplink-pool.link-retired");
    }

    @Test
    void dplinkControllersRefusalsComeBackAsOursNamingItsFields() {
        Team t = team();
        String ad = newAdId();
        Answer bad = t.buyer().put(pools(t.appId()) + "/" + ad,
                "{\"dsp\":\"YAHOO\",\"accountId\":\"\",\"dspAdId\":\"x\",\"defaultCap\":-5,\"allowedSchemes\":[\"javascript\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(fields(bad)).contains("dsp", "accountId", "defaultCap", "allowedSchemes[0]");
        assertThat(t.viewer().get(pools(t.appId())).json().size()).as("a refused pool is not the product's").isZero();
        assertThat(t.viewer().get(pools(t.appId()) + "/" + ad).status()).isEqualTo(404);

        assertThat(t.buyer().put(pools(t.appId()) + "/bad%20id", tiktokAd(ad)).status()).isEqualTo(400);
        assertThat(t.buyer().put(pools(t.appId()) + "/" + ad, tiktokAd(ad)).status()).isEqualTo(201);
        Answer badLinks = t.buyer().post(pools(t.appId()) + "/" + ad + "/links",
                "{\"links\":[{\"url\":\"myapp://ok/1\"},{\"url\":\"javascript:alert(1)\"},{\"url\":\"myapp://ok/1\"}]}");
        assertThat(badLinks.status()).isEqualTo(400);
        assertThat(fields(badLinks)).containsExactly("links[1].url", "links[2].url");
        Answer noLinks = t.buyer().post(pools(t.appId()) + "/" + ad + "/resume", null);
        assertThat(noLinks.status()).isEqualTo(409);
        assertThat(noLinks.json().get("detail").asString()).contains("no usable link");
        assertThat(t.buyer().put(pools(t.appId()) + "/" + ad + "/links/999999999/cap", "{\"cap\":5}").status())
                .isEqualTo(404);
    }

    @Test
    void permissionsAreCheckedHereAndAnotherProductsAdIsNotFound() {
        Team t = team();
        String ad = newAdId();
        assertThat(t.viewer().put(pools(t.appId()) + "/" + ad, tiktokAd(ad)).status()).isEqualTo(403);
        assertThat(t.buyer().put(pools(t.appId()) + "/" + ad, tiktokAd(ad)).status()).isEqualTo(201);
        assertThat(t.viewer().get(pools(t.appId()) + "/" + ad).status()).isEqualTo(200);
        assertThat(t.viewer().post(pools(t.appId()) + "/" + ad + "/links", "{\"links\":[{\"url\":\"myapp://x\"}]}")
                .status()).isEqualTo(403);
        assertThat(t.viewer().post(pools(t.appId()) + "/" + ad + "/resume", null).status()).isEqualTo(403);

        Team other = team();
        for (Answer a : List.of(other.buyer().get(pools(t.appId())), other.buyer().get(pools(t.appId()) + "/" + ad),
                other.buyer().post(pools(t.appId()) + "/" + ad + "/pause", null))) {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.json().get("detail").asString()).isEqualTo("no product " + t.appId());
        }
        // Through their own product: our ad is not theirs — not found, and its id cannot be taken over.
        Answer cross = other.buyer().get(pools(other.appId()) + "/" + ad);
        assertThat(cross.status()).isEqualTo(404);
        assertThat(cross.body()).doesNotContain("TIKTOK").doesNotContain(ADVERTISER);
        assertThat(other.buyer().post(pools(other.appId()) + "/" + ad + "/pause", null).status()).isEqualTo(404);
        assertThat(other.buyer().put(pools(other.appId()) + "/" + ad, tiktokAd(ad)).status()).isEqualTo(409);
        assertThat(t.viewer().get(pools(t.appId()) + "/" + ad).json().get("accountId").asString())
                .isEqualTo(ADVERTISER);
    }

    @Test
    void whenDplinkControllerIsUnreachableTheAnswerIs503AndNothingIsLost() {
        Team t = team();
        String ad = newAdId();
        assertThat(t.buyer().put(pools(t.appId()) + "/" + ad, tiktokAd(ad)).status()).isEqualTo(201);
        dplink.stop();
        try {
            Answer state = t.viewer().get(pools(t.appId()) + "/" + ad);
            assertThat(state.status()).isEqualTo(503);
            assertThat(state.contentType()).startsWith("application/problem+json");
            assertThat(state.json().get("detail").asString()).contains("unreachable");
            assertThat(t.buyer().post(pools(t.appId()) + "/" + ad + "/links",
                    "{\"links\":[{\"url\":\"myapp://x\"}]}").status()).isEqualTo(503);
            String next = newAdId();
            assertThat(t.buyer().put(pools(t.appId()) + "/" + next, tiktokAd(next)).status()).isEqualTo(503);
        } finally {
            dplink.run();
        }
        assertThat(t.viewer().get(pools(t.appId()) + "/" + ad).json().get("totals").get("links").asInt()).isZero();
        assertThat(t.viewer().get(pools(t.appId())).json().size()).as("the unreached create left no claim").isEqualTo(1);
    }
}
