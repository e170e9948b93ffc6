package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.fakes.CreateFailure;
import io.adplatform.fakes.MetaMarketingFake;
import io.adplatform.fakes.TikTokMarketingFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Batch ad creation end to end: over HTTP against MariaDB and the Meta / TikTok Marketing API fakes, which validate
 * like the partners, throttle and fail on cue. "Exactly once" is asserted on the fakes' own state.
 */
class AdBatchIntegrationTest extends IntegrationTestBase {

    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BatchRunner runner;

    @AfterEach
    void resetFakes() {
        FAKES.metaMarketing().reset();
        FAKES.tiktokMarketing().reset();
    }

    private JsonNode awaitStatus(AdsFixture f, long batchId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = f.buyer.get(f.p("/ad-batches/" + batchId)).json();
            return status.equals(last[0].get("status").asString());
        });
        return last[0];
    }

    private static List<io.adplatform.fakes.AdObject> all(List<String> accounts,
                                                          Function<String, List<io.adplatform.fakes.AdObject>> of) {
        List<io.adplatform.fakes.AdObject> out = new ArrayList<>();
        accounts.forEach(a -> out.addAll(of.apply(a)));
        return out;
    }

    private static void assertUniqueNames(List<io.adplatform.fakes.AdObject> objects) {
        Set<String> names = new HashSet<>();
        objects.forEach(o -> assertThat(names.add(o.name())).as("duplicate %s", o.name()).isTrue());
    }

    @Test
    void threeAccountsTwoAudiencesFourCopiesFiveCreativesMake120MetaAdsExactlyOnceThroughThrottlingAndFailures() {
        AdsFixture f = new AdsFixture(operators, products);
        MetaMarketingFake meta = FAKES.metaMarketing();
        meta.regainAccessUnit(Duration.ofMillis(200));
        List<String> accts = List.of(AdsFixture.metaAccountId(), AdsFixture.metaAccountId(),
                AdsFixture.metaAccountId());
        List<Long> accountIds = new ArrayList<>();
        for (String a : accts) {
            meta.registerAdAccount(a, "token-" + a);
            accountIds.add(f.connect("META", a, "token-" + a));
        }
        long template = f.metaTemplate();
        List<Long> audiences = List.of(f.audience("US adults", "[\"US\"]", "[]"),
                f.audience("DE FR", "[\"DE\",\"FR\"]", "[]"));
        List<Long> copies = List.of(f.copy("A"), f.copy("B"), f.copy("C"), f.copy("D"));
        List<Long> assets = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            assets.add(f.image(i));
        }
        String request = AdsFixture.request(accountIds, template, audiences, copies, assets);

        Answer plan = f.buyer.post(f.p("/ad-batches/plan"), request);
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().get("campaigns").asInt()).isEqualTo(3);
        assertThat(plan.json().get("adSets").asInt()).isEqualTo(6);
        assertThat(plan.json().get("ads").asInt()).isEqualTo(120);
        assertThat(plan.json().get("structure").get(0).get("adSets").get(1).get("ads").size()).isEqualTo(20);
        assertThat(all(accts, meta::campaigns)).as("planning sends nothing").isEmpty();

        // Account 1 is throttled (30 calls per second); in account 2 one ad is refused for good and one creative's
        // answer is lost after it was created; in account 3 one ad fails transiently.
        meta.throttleAfter(accts.get(0), 30, Duration.ofSeconds(1));
        String a2 = "a" + accountIds.get(1) + "-u" + audiences.get(1);
        String refusedAd = a2 + "-c" + copies.get(2) + "-x" + assets.get(3) + "]";
        String lostCreative = a2 + "-c" + copies.get(0) + "-x" + assets.get(0) + "-k]";
        meta.failNextCreate(1, c -> c.kind().equals("ad") && c.nameContains(refusedAd), CreateFailure.INVALID_PARAMETER);
        meta.failNextCreate(1, c -> c.kind().equals("adcreative") && c.nameContains(lostCreative),
                CreateFailure.TRANSIENT_AFTER_CREATING);
        String a3 = "a" + accountIds.get(2) + "-u" + audiences.get(0);
        meta.failNextCreate(1, c -> c.kind().equals("ad") && c.nameContains(a3 + "-c" + copies.get(1) + "-x"),
                CreateFailure.TRANSIENT);

        Answer created = f.buyer.post(f.p("/ad-batches"), request);
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        long batchId = created.json().get("id").asLong();

        JsonNode partial = awaitStatus(f, batchId, "PARTIAL");
        List<JsonNode> failedAds = new ArrayList<>();
        partial.get("ads").forEach(a -> {
            if (!"CREATED".equals(a.get("state").asString())) {
                failedAds.add(a);
            }
        });
        assertThat(failedAds).hasSize(1);
        assertThat(failedAds.get(0).get("state").asString()).isEqualTo("FAILED");
        assertThat(failedAds.get(0).get("name").asString()).endsWith(refusedAd);
        assertThat(failedAds.get(0).get("error").asString()).contains("(100");
        assertThat(all(accts, meta::ads)).hasSize(119);
        assertThat(meta.received(r -> r.reason() != null && r.reason().contains("throttled"))).isNotEmpty();

        Answer retried = f.buyer.post(f.p("/ad-batches/" + batchId + "/retry"), null);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        JsonNode done = awaitStatus(f, batchId, "DONE");

        assertThat(done.get("counts").get("AD").get("CREATED").asInt()).isEqualTo(120);
        List<io.adplatform.fakes.AdObject> ads = all(accts, meta::ads);
        assertThat(ads).hasSize(120);
        assertUniqueNames(ads);
        List<io.adplatform.fakes.AdObject> creativesAtMeta = all(accts, meta::adCreatives);
        assertThat(creativesAtMeta).as("the lost creative was adopted, not made twice").hasSize(120);
        assertUniqueNames(creativesAtMeta);
        assertThat(all(accts, meta::campaigns)).hasSize(3);
        assertThat(all(accts, meta::adSets)).hasSize(6);
        for (String a : accts) {
            assertThat(meta.ads(a)).hasSize(40).allSatisfy(ad -> assertThat(ad.status()).isEqualTo("PAUSED"));
        }
        // Every ad we hold points at the very ad the media holds.
        Set<String> mediaIds = new HashSet<>();
        ads.forEach(a -> mediaIds.add(a.id()));
        done.get("ads").forEach(a -> assertThat(mediaIds).contains(a.get("mediaId").asString()));

        // The campaign API shows them and pauses/resumes through Meta.
        Answer campaigns = f.buyer.get(f.p("/campaigns?batchId=" + batchId));
        assertThat(campaigns.json().size()).isEqualTo(3);
        long campaignId = campaigns.json().get(0).get("id").asLong();
        Answer tree = f.buyer.get(f.p("/campaigns/" + campaignId));
        assertThat(tree.json().get("adSets").size()).isEqualTo(2);
        assertThat(tree.json().get("adSets").get(0).get("ads").size()).isEqualTo(20);
        String adId = tree.json().get("adSets").get(0).get("ads").get(0).get("id").asString();
        String adMediaId = tree.json().get("adSets").get(0).get("ads").get(0).get("mediaId").asString();
        Answer resumed = f.buyer.post(f.p("/ads/" + adId + "/resume"), null);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(meta.status(adMediaId)).isEqualTo("ACTIVE");
        assertThat(f.buyer.post(f.p("/campaigns/" + campaignId + "/pause"), null).status()).isEqualTo(200);
    }

    @Test
    void aTikTokBatchCreatesCampaignAdGroupsAndAdsOnceThroughThrottling() {
        AdsFixture f = new AdsFixture(operators, products);
        TikTokMarketingFake tiktok = FAKES.tiktokMarketing();
        String adv = AdsFixture.tiktokAdvertiserId();
        tiktok.registerAdvertiser(adv, "tt-token-" + adv);
        long account = f.connect("TIKTOK", adv, "tt-token-" + adv);
        long template = f.tiktokTemplate();
        List<Long> audiences = List.of(f.audience("US", "[]", "[\"6252001\"]"), f.audience("JP", "[]", "[\"1861060\"]"));
        List<Long> copies = List.of(f.copy("Short one"), f.copy("Short two"));
        List<Long> assets = List.of(f.image(11), f.image(12));
        tiktok.throttleAfter(adv, 5, Duration.ofMillis(500));
        tiktok.failNextCreate(1, c -> c.kind().equals("ad"), CreateFailure.TRANSIENT_AFTER_CREATING);

        Answer created = f.buyer.post(f.p("/ad-batches"),
                AdsFixture.request(List.of(account), template, audiences, copies, assets));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        JsonNode done = awaitStatus(f, created.json().get("id").asLong(), "DONE");

        assertThat(done.get("counts").get("AD").get("CREATED").asInt()).isEqualTo(8);
        assertThat(tiktok.campaigns(adv)).hasSize(1);
        assertThat(tiktok.adGroups(adv)).hasSize(2);
        assertThat(tiktok.ads(adv)).hasSize(8);
        assertUniqueNames(tiktok.ads(adv));
        assertThat(tiktok.received(r -> r.response() != null && r.response().contains("40100"))).isNotEmpty();
    }

    @Test
    void aRestartAdoptsWhatTheMediaAlreadyHasInsteadOfCreatingItAgain() {
        AdsFixture f = new AdsFixture(operators, products);
        MetaMarketingFake meta = FAKES.metaMarketing();
        String act = AdsFixture.metaAccountId();
        meta.registerAdAccount(act, "tok-" + act);
        long account = f.connect("META", act, "tok-" + act);
        long template = f.metaTemplate();
        long audience = f.audience("US", "[\"US\"]", "[]");
        List<Long> copies = List.of(f.copy("One"), f.copy("Two"));
        long asset = f.image(21);
        Answer created = f.buyer.post(f.p("/ad-batches"),
                AdsFixture.request(List.of(account), template, List.of(audience), copies, List.of(asset)));
        long batchId = created.json().get("id").asLong();
        awaitStatus(f, batchId, "DONE");
        assertThat(meta.ads(act)).hasSize(2);

        // As if the service died after sending the ad set, creatives and ads and before their answers were stored.
        jdbc.sql("UPDATE ad_objects SET state = 'SUBMITTING', media_id = NULL WHERE batch_id = ? AND kind <> 'CAMPAIGN'")
                .params(batchId).update();
        jdbc.sql("UPDATE ad_batches SET status = 'RUNNING', finished_at = NULL WHERE id = ?").params(batchId).update();
        runner.resumeAll();

        JsonNode done = awaitStatus(f, batchId, "DONE");
        assertThat(meta.adSets(act)).hasSize(1);
        assertThat(meta.adCreatives(act)).hasSize(2);
        assertThat(meta.ads(act)).hasSize(2);
        Set<String> atMeta = new HashSet<>();
        meta.ads(act).forEach(a -> atMeta.add(a.id()));
        Set<String> ours = new HashSet<>();
        done.get("ads").forEach(a -> ours.add(a.get("mediaId").asString()));
        assertThat(ours).isEqualTo(atMeta);
    }
}
