package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.creatives.AssetInspectorTest;
import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ad accounts, the creative library and the batch request's checks: permissions, bad input, secrets kept. */
class AdsLibraryIntegrationTest extends IntegrationTestBase {

    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;

    @Test
    void tokensAreSealedAtRestAndNeverShownNorAudited() {
        AdsFixture f = new AdsFixture(operators, products);
        String token = "EAAB-very-secret-" + System.nanoTime();
        String act = AdsFixture.metaAccountId();
        FAKES.metaMarketing().registerAdAccount(act, token);
        long id = f.connect("META", act, token);
        Answer list = f.buyer.get(f.p("/ad-accounts"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.body()).doesNotContain(token).doesNotContainIgnoringCase("token");
        assertThat(f.buyer.get(f.p("/ad-accounts/" + id)).body()).doesNotContain(token);
        assertThat(f.teamAdmin.get("/api/v1/audit?limit=100").body()).contains("ad-account.connected")
                .doesNotContain(token);
        byte[] sealed = jdbc.sql("SELECT token_sealed FROM ad_accounts WHERE id = ?").params(id).query(byte[].class)
                .single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(token);

        assertThat(f.owner.delete(f.p("/ad-accounts/" + id)).status()).isEqualTo(204);
        assertThat(f.buyer.get(f.p("/ad-accounts/" + id)).json().get("status").asString()).isEqualTo("DISCONNECTED");
        assertThat(jdbc.sql("SELECT token_sealed FROM ad_accounts WHERE id = ?").params(id).query(byte[].class)
                .optional()).isEmpty();
    }

    @Test
    void onlyTheRightRolesManageAccountsAndTheLibraryAndOtherTeamsSeeNothing() {
        AdsFixture f = new AdsFixture(operators, products);
        Client analyst = f.user("ANALYST");
        Client viewer = f.user("VIEWER");
        String body = "{\"media\":\"META\",\"accountId\":\"act_1\",\"accessToken\":\"t\"}";
        assertThat(f.buyer.post(f.p("/ad-accounts"), body).status()).isEqualTo(403);
        assertThat(analyst.get(f.p("/ad-accounts")).status()).isEqualTo(403);
        assertThat(analyst.get(f.p("/creatives/templates")).status()).isEqualTo(200);
        assertThat(analyst.post(f.p("/creatives/copies"), "{\"name\":\"x\",\"primaryText\":\"y\"}").status())
                .isEqualTo(403);
        assertThat(analyst.post(f.p("/ad-batches/plan"), "{}").status()).isEqualTo(403);
        assertThat(viewer.get(f.p("/ad-batches")).status()).isEqualTo(403);
        assertThat(viewer.get(f.p("/campaigns")).status()).isEqualTo(403);

        AdsFixture other = new AdsFixture(operators, products);
        long otherCopy = other.copy("theirs");
        Answer foreign = f.buyer.get(other.p("/creatives/copies/" + otherCopy));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("theirs");
        assertThat(f.buyer.get(f.p("/creatives/copies/" + otherCopy)).status()).isEqualTo(404);
        assertThat(f.buyer.post(other.p("/ad-batches/plan"), "{}").status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedNamingEachField() {
        AdsFixture f = new AdsFixture(operators, products);
        Answer account = f.owner.post(f.p("/ad-accounts"), "{\"media\":\"META\",\"accountId\":\"123\"}");
        assertThat(account.status()).isEqualTo(400);
        assertThat(account.body()).contains("\"accountId\"", "\"accessToken\"");
        assertThat(f.owner.post(f.p("/ad-accounts"), "{\"media\":\"SNAP\",\"accountId\":\"1\",\"accessToken\":\"t\"}")
                .body()).contains("\"media\"");

        Answer template = f.buyer.post(f.p("/creatives/templates"), "{\"media\":\"META\",\"name\":\"t\",\"settings\":"
                + "{\"objective\":\"CONVERSIONS\",\"budgetType\":\"LIFETIME\",\"budgetAmount\":50}}");
        assertThat(template.status()).isEqualTo(400);
        assertThat(template.body()).contains("settings.objective", "settings.optimizationGoal", "settings.pageId",
                "settings.budgetAmount", "settings.endTime", "settings.callToAction");
        Answer audience = f.buyer.post(f.p("/creatives/audiences"),
                "{\"name\":\"a\",\"spec\":{\"countries\":[\"usa\"],\"ageMin\":70,\"gender\":\"X\"}}");
        assertThat(audience.body()).contains("spec.countries[0]", "spec.ageMin", "spec.gender");
        assertThat(f.buyer.post(f.p("/creatives/copies"), "{\"name\":\"c\"}").body()).contains("\"primaryText\"");

        Answer gif = f.upload(f.buyer, "fake.png", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(gif.status()).isEqualTo(400);
        assertThat(gif.body()).contains("\"field\":\"file\"", "judged by its content");
        Answer tiny = f.upload(f.buyer, "tiny.png", AssetInspectorTest.image("png", 50, 50, 1));
        assertThat(tiny.status()).isEqualTo(400);
        assertThat(tiny.body()).contains("50x50");
        byte[] png = AssetInspectorTest.image("png", 400, 300, 3);
        long asset = AdsFixture.created(f.upload(f.buyer, "ok.png", png));
        assertThat(f.upload(f.buyer, "again.png", png).status()).isEqualTo(409);
        Answer content = f.buyer.get(f.p("/creatives/assets/" + asset + "/content"));
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.contentType()).isEqualTo("image/png");
        assertThat(f.buyer.get(f.p("/creatives/assets/" + asset)).json().get("width").asInt()).isEqualTo(400);
        // What the media fetch: the content-hash URL, served without a session.
        String key = f.buyer.get(f.p("/creatives/assets/" + asset)).json().get("storageKey").asString();
        Answer fetched = operators.anonymous().get("/creative-assets/" + key);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).isEqualTo("image/png");
        assertThat(operators.anonymous().get("/creative-assets/" + key.replaceAll("[0-9a-f]{64}", "0".repeat(64)))
                .status()).isEqualTo(404);
        assertThat(operators.anonymous().get("/creative-assets/..%2F..%2Fetc/passwd").status()).isIn(400, 404);

        Answer empty = f.buyer.post(f.p("/ad-batches/plan"), "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("\"templateId\"", "\"accountIds\"", "\"audienceIds\"", "\"copyIds\"",
                "\"assetIds\"");

        String adv = AdsFixture.tiktokAdvertiserId();
        FAKES.tiktokMarketing().registerAdvertiser(adv, "tok-" + adv);
        long tiktokAccount = f.connect("TIKTOK", adv, "tok-" + adv);
        long metaTemplate = f.metaTemplate();
        long noCountries = f.audience("tt only", "[]", "[\"6252001\"]");
        long longCopy = AdsFixture.created(f.buyer.post(f.p("/creatives/copies"), "{\"name\":\"long\",\"primaryText\":\""
                + "x".repeat(150) + "\"}"));
        Answer mixed = f.buyer.post(f.p("/ad-batches/plan"), AdsFixture.request(List.of(tiktokAccount, 999_999L),
                metaTemplate, List.of(noCountries, noCountries), List.of(longCopy), List.of(asset)));
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.body()).contains("accountIds[0]", "accountIds[1]", "audienceIds[0]", "audienceIds[1]");
        long tiktokTemplate = f.tiktokTemplate();
        Answer tooLong = f.buyer.post(f.p("/ad-batches/plan"), AdsFixture.request(List.of(tiktokAccount),
                tiktokTemplate, List.of(noCountries), List.of(longCopy), List.of(asset)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("copyIds[0]", "100");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ad_batches WHERE app_id = ?").params(f.appId).query(Long.class)
                .single()).isZero();
    }
}
