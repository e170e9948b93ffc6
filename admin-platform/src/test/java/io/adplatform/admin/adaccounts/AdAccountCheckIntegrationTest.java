package io.adplatform.admin.adaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.adcreation.AdsFixture;
import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Connecting an ad account reads it at the media with the token first: refused → 400, no answer → 503. */
class AdAccountCheckIntegrationTest extends IntegrationTestBase {

    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AdAccounts accounts;

    @AfterEach
    void resetFakes() {
        FAKES.metaMarketing().reset();
        FAKES.tiktokMarketing().reset();
    }

    static String body(String media, String accountId, String name, String token) {
        return "{\"media\":\"" + media + "\",\"accountId\":\"" + accountId + "\"" + (name == null ? ""
                : ",\"name\":\"" + name + "\"") + ",\"accessToken\":\"" + token + "\"}";
    }

    private long stored(AdsFixture f) {
        return jdbc.sql("SELECT COUNT(*) FROM ad_accounts WHERE app_id = ?").params(f.appId).query(Long.class)
                .single();
    }

    private long audited(AdsFixture f) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE app_id = ? AND action LIKE 'ad-account.%'")
                .params(f.appId).query(Long.class).single();
    }

    @Test
    void aMetaAccountIsStoredWithTheNameAndCurrencyMetaAnswerForTheToken() {
        AdsFixture f = new AdsFixture(operators, products);
        String act = AdsFixture.metaAccountId();
        FAKES.metaMarketing().registerAdAccount(act, "good-" + act, "Puzzle studio EU").accountCurrency(act, "EUR");

        Answer a = f.owner.post(f.p("/ad-accounts"), body("META", act, null, "good-" + act));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().get("name").asString()).isEqualTo("Puzzle studio EU");
        assertThat(a.json().get("currency").asString()).isEqualTo("EUR");
        assertThat(FAKES.metaMarketing().received(r -> r.path().endsWith("/" + act)
                && r.query() != null && r.query().contains("currency"))).hasSize(1);

        Answer named = f.owner.post(f.p("/ad-accounts"), body("META", act, "EU installs", "good-" + act));
        assertThat(named.status()).as(named.body()).isEqualTo(201);
        assertThat(named.json().get("name").asString()).as("a name given is kept").isEqualTo("EU installs");
        assertThat(named.json().get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void aTokenMetaRefusesIsA400NamingTheTokenAndNothingIsStoredOrReplaced() {
        AdsFixture f = new AdsFixture(operators, products);
        String act = AdsFixture.metaAccountId();
        String other = AdsFixture.metaAccountId();
        FAKES.metaMarketing().registerAdAccount(act, "good-" + act).registerAdAccount(other, "good-" + other);

        Answer unknownToken = f.owner.post(f.p("/ad-accounts"), body("META", act, null, "revoked-token"));
        assertThat(unknownToken.status()).isEqualTo(400);
        assertThat(unknownToken.body()).contains("\"accessToken\"", "(#190)").doesNotContain("revoked-token");
        Answer notItsAccount = f.owner.post(f.p("/ad-accounts"), body("META", act, null, "good-" + other));
        assertThat(notItsAccount.status()).isEqualTo(400);
        assertThat(notItsAccount.body()).contains("\"accessToken\"", "(#100)");
        assertThat(stored(f)).isZero();
        assertThat(audited(f)).isZero();

        long id = f.connect("META", act, "good-" + act);
        assertThat(f.owner.post(f.p("/ad-accounts"), body("META", act, null, "good-" + other)).status())
                .isEqualTo(400);
        assertThat(accounts.credentials(f.appId, id).orElseThrow().accessToken()).as("the old token stays")
                .isEqualTo("good-" + act);
    }

    @Test
    void metaOrTikTokNotAnsweringIsA503AndNothingIsStored() {
        AdsFixture f = new AdsFixture(operators, products);
        String act = AdsFixture.metaAccountId();
        FAKES.metaMarketing().registerAdAccount(act, "good-" + act);
        FAKES.metaMarketing().failNext(1, 503);
        Answer down = f.owner.post(f.p("/ad-accounts"), body("META", act, null, "good-" + act));
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.contentType()).contains("application/problem+json");

        String adv = AdsFixture.tiktokAdvertiserId();
        FAKES.tiktokMarketing().registerAdvertiser(adv, "tt-" + adv);
        FAKES.tiktokMarketing().failNext(1, 500);
        assertThat(f.owner.post(f.p("/ad-accounts"), body("TIKTOK", adv, null, "tt-" + adv)).status()).isEqualTo(503);
        assertThat(stored(f)).isZero();
        assertThat(audited(f)).isZero();
    }

    @Test
    void aTikTokAdvertiserIsCheckedWithAdvertiserInfo() {
        AdsFixture f = new AdsFixture(operators, products);
        String adv = AdsFixture.tiktokAdvertiserId();
        FAKES.tiktokMarketing().registerAdvertiser(adv, "tt-" + adv, "Puzzle JP").advertiserCurrency(adv, "JPY");

        Answer refused = f.owner.post(f.p("/ad-accounts"), body("TIKTOK", adv, null, "not-the-token"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"accessToken\"", "40105");
        String otherAdv = AdsFixture.tiktokAdvertiserId();
        assertThat(f.owner.post(f.p("/ad-accounts"), body("TIKTOK", otherAdv, null, "tt-" + adv)).body())
                .contains("\"accessToken\"", "40001");
        assertThat(stored(f)).isZero();

        Answer ok = f.owner.post(f.p("/ad-accounts"), body("TIKTOK", adv, null, "tt-" + adv));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("name").asString()).isEqualTo("Puzzle JP");
        assertThat(ok.json().get("currency").asString()).isEqualTo("JPY");
        assertThat(FAKES.tiktokMarketing().received(r -> r.path().contains("advertiser/info"))).hasSize(3);
    }
}
