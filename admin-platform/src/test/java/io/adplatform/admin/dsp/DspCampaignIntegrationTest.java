package io.adplatform.admin.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import io.adplatform.bidder.campaign.Campaign;
import io.adplatform.bidder.campaign.CampaignFeed;
import io.adplatform.bidder.campaign.CampaignProperties;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.kafka.EventJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * DSP campaigns end to end: the API, MariaDB, the outbox, the embedded Kafka broker, and the bidder's own campaign
 * feed ({@link CampaignFeed}, the code every bidder runs) holding what was published.
 */
class DspCampaignIntegrationTest extends IntegrationTestBase {

    static final String CAMPAIGN = """
            {"name":"Spring sale","status":"ACTIVE","pricing":"CPM","priceMicros":2500000,
             "budget":{"dailyMicros":500000000,"totalMicros":0,"pacing":"SMOOTH"},
             "targeting":{"countries":["USA"],"os":["android"],"deviceTypes":[1,4]},
             "frequencyCaps":[{"scope":"CAMPAIGN","max":5,"windowSeconds":86400}],
             "ctrPrior":0.008,
             "creatives":[{"id":"b-320x50","format":"BANNER","w":320,"h":50,"durationSec":0,
               "imageUrl":"https://cdn.example.com/b.png","landingUrl":"https://shop.example.com/",
               "adomain":["shop.example.com"],"categories":["IAB22"],"attributes":[]}]}""";

    static CampaignFeed bidder;

    @Autowired
    Products products;
    @Autowired
    OutboxPublisher publisher;
    @Autowired
    CampaignOutbox outbox;
    @Autowired
    DspCampaignStore store;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBiddersFeed() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(KAFKA.getBrokersAsString()));
        bidder = new CampaignFeed(kafka, new CampaignProperties(3, Duration.ofMillis(50)), Clock.systemUTC(), List.of());
        bidder.start();
    }

    @AfterAll
    static void stopBiddersFeed() {
        bidder.stop();
    }

    record Team(Client admin, Client buyer, Client viewer, String appId, long groupId) {
    }

    Team team() {
        String appId = "com.dsp.t" + UUID.randomUUID().toString().substring(0, 8);
        products.upsertFromCatalog(appId, "DSP app", "ANDROID", appId, null, null, null, "ACTIVE", Instant.now());
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        assertThat(admin.post("/api/v1/groups/" + group + "/products", "{\"appId\":\"" + appId + "\"}").status())
                .isEqualTo(200);
        Client buyer = operators.newUser(admin);
        operators.grant(admin, group, buyer.userId(), "BUYER");
        Client viewer = operators.newUser(admin);
        operators.grant(admin, group, viewer.userId(), "VIEWER");
        return new Team(admin, buyer, viewer, appId, group);
    }

    static String base(String appId) {
        return "/api/v1/products/" + appId + "/dsp/campaigns";
    }

    static Campaign awaitInBidder(String id, long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Campaign c = bidder.catalog().get(id);
            return c != null && c.config().version() == version;
        });
        return bidder.catalog().get(id);
    }

    @Test
    void everyChangeReachesTheBiddersInOrderAndArchivingRemovesTheCampaign() {
        Team t = team();
        Answer created = t.buyer().post(base(t.appId()), CAMPAIGN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        assertThat(created.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.json().get("campaign").get("advertiser").asString()).isEqualTo(t.appId());

        Campaign held = awaitInBidder(id, 1);
        CampaignConfig answered = EventJson.mapper().treeToValue(created.json().get("campaign"), CampaignConfig.class);
        assertThat(held.config()).as("the bidder holds exactly what the API answered").isEqualTo(answered);
        assertThat(held.config().status()).isEqualTo(CampaignConfig.Status.ACTIVE);
        assertThat(bidder.unreadable()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                t.viewer().get(base(t.appId()) + "/" + id).json().get("published").asBoolean());

        assertThat(t.buyer().post(base(t.appId()) + "/" + id + "/pause", null).json().get("version").asLong())
                .isEqualTo(2);
        assertThat(awaitInBidder(id, 2).config().status()).isEqualTo(CampaignConfig.Status.PAUSED);
        // Pausing again changes nothing and publishes nothing.
        assertThat(t.buyer().post(base(t.appId()) + "/" + id + "/pause", null).json().get("version").asLong())
                .isEqualTo(2);

        Answer updated = t.buyer().put(base(t.appId()) + "/" + id, CAMPAIGN.replace("\"status\":\"ACTIVE\",", "")
                .replace("2500000", "3100000").replace("Spring sale", "Spring sale II"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("status").asString()).as("status left out is kept").isEqualTo("PAUSED");
        CampaignConfig v3 = awaitInBidder(id, 3).config();
        assertThat(v3.priceMicros()).isEqualTo(3_100_000);
        assertThat(v3.name()).isEqualTo("Spring sale II");
        assertThat(v3.status()).isEqualTo(CampaignConfig.Status.PAUSED);

        assertThat(t.buyer().post(base(t.appId()) + "/" + id + "/resume", null).status()).isEqualTo(200);
        assertThat(awaitInBidder(id, 4).config().status()).isEqualTo(CampaignConfig.Status.ACTIVE);

        Answer archived = t.buyer().delete(base(t.appId()) + "/" + id);
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().get("status").asString()).isEqualTo("ARCHIVED");
        await().atMost(Duration.ofSeconds(20)).until(() -> bidder.catalog().get(id) == null);
        assertThat(t.buyer().post(base(t.appId()) + "/" + id + "/resume", null).status()).isEqualTo(409);
        assertThat(t.buyer().put(base(t.appId()) + "/" + id, CAMPAIGN).status()).isEqualTo(409);

        // On the topic itself: the versions in order, then the tombstone, keyed by the campaign id.
        assertThat(CampaignTopic.versions(CampaignTopic.records(KAFKA.getBrokersAsString(), id)))
                .containsExactly(1L, 2L, 3L, 4L, null);
        // Still readable here, archived, and listed.
        JsonNode list = t.viewer().get(base(t.appId())).json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("status").asString()).isEqualTo("ARCHIVED");
        assertThat(list.get(0).get("version").asLong()).isEqualTo(5);

        String trail = t.admin().get("/api/v1/audit?limit=100").body();
        assertThat(trail).contains("dsp-campaign.created", "dsp-campaign.paused", "dsp-campaign.changed",
                "dsp-campaign.resumed", "dsp-campaign.archived");
    }

    @Test
    void readersReadBuyersChangeOtherTeamsAndProductsSeeNothing() {
        Team t = team();
        Answer refused = t.viewer().post(base(t.appId()), CAMPAIGN);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        String id = t.buyer().post(base(t.appId()), CAMPAIGN).json().get("id").asString();
        assertThat(t.viewer().get(base(t.appId()) + "/" + id).status()).isEqualTo(200);
        assertThat(t.viewer().post(base(t.appId()) + "/" + id + "/pause", null).status()).isEqualTo(403);
        assertThat(t.viewer().delete(base(t.appId()) + "/" + id).status()).isEqualTo(403);
        assertThat(t.viewer().put(base(t.appId()) + "/" + id, CAMPAIGN).status()).isEqualTo(403);

        // Another team: the product does not exist for them, whatever they try.
        Team other = team();
        for (Answer a : List.of(other.admin().get(base(t.appId())), other.admin().get(base(t.appId()) + "/" + id),
                other.admin().post(base(t.appId()), CAMPAIGN),
                other.admin().post(base(t.appId()) + "/" + id + "/pause", null),
                other.admin().delete(base(t.appId()) + "/" + id))) {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.json().get("detail").asString()).isEqualTo("no product " + t.appId());
            assertThat(a.body()).doesNotContain("Spring sale").doesNotContain("campaign\"");
        }
        // Their own product with our campaign's id: not found — campaigns are looked up by (product, id).
        Answer crossProduct = other.buyer().post(base(other.appId()) + "/" + id + "/pause", null);
        assertThat(crossProduct.status()).isEqualTo(404);
        assertThat(crossProduct.json().get("detail").asString()).contains("no DSP campaign");
        assertThat(other.buyer().get(base(other.appId()) + "/" + id).status()).isEqualTo(404);
        Answer theirs = other.buyer().get(base(other.appId()));
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.json().size()).isZero();
        assertThat(t.buyer().get(base(t.appId()) + "/" + id).json().get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void badCampaignsAreRefusedNamingEveryFieldAndNothingIsWritten() {
        Team t = team();
        Answer a = t.buyer().post(base(t.appId()), """
                {"name":"","pricing":"CPM","currency":"EUR","budget":{"dailyMicros":0,"totalMicros":-1,"pacing":"SMOOTH"},
                 "endAt":"2001-01-01T00:00:00Z","ctrPrior":2,"targeting":{"hoursOfWeek":[200],"timezone":"Mars/Base"},
                 "creatives":[{"id":"v1","format":"VIDEO","w":640,"h":360,"durationSec":0,"markup":"<html/>",
                   "landingUrl":"javascript:x","adomain":[]}]}""");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        a.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("name", "priceMicros", "currency", "budget.dailyMicros", "budget.totalMicros",
                "endAt", "ctrPrior", "targeting.hoursOfWeek", "targeting.timezone", "creatives[0].markup",
                "creatives[0].durationSec", "creatives[0].mimes", "creatives[0].landingUrl", "creatives[0].adomain");

        Answer wrongType = t.buyer().post(base(t.appId()), CAMPAIGN.replace("\"priceMicros\":2500000",
                "\"priceMicros\":\"lots\""));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("priceMicros");
        assertThat(t.buyer().post(base(t.appId()), CAMPAIGN.replace("\"ACTIVE\"", "\"ARCHIVED\"")).status())
                .isEqualTo(400);
        assertThat(t.buyer().post(base(t.appId()), "{not json").status()).isEqualTo(400);
        assertThat(t.buyer().get(base(t.appId())).json().size()).as("nothing written").isZero();

        // A bad update changes nothing either: same version, nothing owed to the topic.
        String id = t.buyer().post(base(t.appId()), CAMPAIGN).json().get("id").asString();
        Answer badUpdate = t.buyer().put(base(t.appId()) + "/" + id, CAMPAIGN.replace("\"w\":320", "\"w\":0"));
        assertThat(badUpdate.status()).isEqualTo(400);
        assertThat(badUpdate.json().get("errors").get(0).get("field").asString()).isEqualTo("creatives[0].w");
        assertThat(t.buyer().get(base(t.appId()) + "/" + id).json().get("version").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dsp_campaign_outbox WHERE campaign_id = ?").params(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aChangeCommittedWhileKafkaIsUnreachableIsPublishedOnceItIsBack() {
        Team t = team();
        publisher.stop();
        OutboxPublisher unreachable = new OutboxPublisher(outbox, store, tx,
                java.util.Map.of("bootstrap.servers", "127.0.0.1:9"),
                new DspProperties("USD", 3, Duration.ofMillis(200), 10, Duration.ofSeconds(1), null), Clock.systemUTC());
        String id;
        try {
            Answer created = t.buyer().post(base(t.appId()), CAMPAIGN);
            assertThat(created.status()).as("the change is accepted: it is in the database").isEqualTo(201);
            id = created.json().get("id").asString();
            String paused = id;
            assertThat(t.buyer().post(base(t.appId()) + "/" + paused + "/pause", null).status()).isEqualTo(200);

            // A publisher that cannot reach Kafka fails its batches and marks nothing sent.
            unreachable.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> unreachable.backlog().lastError() != null);
            unreachable.stop();
            JsonNode backlog = operators.internalGet("/internal/v1/dsp/outbox").json();
            assertThat(backlog.get("unsent").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(t.buyer().get(base(t.appId()) + "/" + paused).json().get("publishedVersion").asLong()).isZero();
            assertThat(CampaignTopic.records(KAFKA.getBrokersAsString(), paused)).isEmpty();
            assertThat(bidder.catalog().get(paused)).isNull();
        } finally {
            unreachable.stop();
            publisher.start();
        }
        // Back (as after a restart): both versions go out, in order, and the bidder ends at the latest.
        assertThat(awaitInBidder(id, 2).config().status()).isEqualTo(CampaignConfig.Status.PAUSED);
        assertThat(CampaignTopic.versions(CampaignTopic.records(KAFKA.getBrokersAsString(), id)))
                .containsExactly(1L, 2L);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                t.buyer().get(base(t.appId()) + "/" + id).json().get("publishedVersion").asLong() == 2);
    }

    @Test
    void republishingPutsEveryCampaignOnTheTopicAgainAtItsVersion() {
        Team t = team();
        String live = t.buyer().post(base(t.appId()), CAMPAIGN).json().get("id").asString();
        String gone = t.buyer().post(base(t.appId()), CAMPAIGN).json().get("id").asString();
        assertThat(t.buyer().delete(base(t.appId()) + "/" + gone).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> operators.internalGet("/internal/v1/dsp/outbox").json()
                .get("unsent").asLong() == 0);
        int before = CampaignTopic.records(KAFKA.getBrokersAsString(), live).size();
        int beforeGone = CampaignTopic.records(KAFKA.getBrokersAsString(), gone).size();

        Answer refused = operators.anonymous().post("/internal/v1/dsp/campaigns/republish", "{}");
        assertThat(refused.status()).as("internal API needs the service token").isIn(401, 403);
        Answer r = operators.internalPost("/internal/v1/dsp/campaigns/republish", "{}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("queued").asInt()).isGreaterThanOrEqualTo(2);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                CampaignTopic.records(KAFKA.getBrokersAsString(), live).size() > before);
        List<CampaignTopic.Published> again = CampaignTopic.records(KAFKA.getBrokersAsString(), live);
        assertThat(again.get(again.size() - 1).version()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                CampaignTopic.records(KAFKA.getBrokersAsString(), gone).size() > beforeGone);
        List<CampaignTopic.Published> tomb = CampaignTopic.records(KAFKA.getBrokersAsString(), gone);
        assertThat(tomb.get(tomb.size() - 1).config()).as("an archived campaign is republished as a tombstone").isNull();
        assertThat(bidder.catalog().get(live)).isNotNull();
        assertThat(bidder.catalog().get(gone)).isNull();
    }
}
