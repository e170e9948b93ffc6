package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.creatives.AssetInspectorTest;
import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.Operators;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** A product in a group of a new team, its group admin and buyer, and helpers to fill its creative library. */
public final class AdsFixture {

    public final String appId;
    public final long groupId;
    public final Client teamAdmin;
    public final Client owner;
    public final Client buyer;
    private final Operators operators;

    public AdsFixture(Operators operators, Products products) {
        this.operators = operators;
        this.appId = "com.adc." + UUID.randomUUID().toString().substring(0, 8);
        products.upsertFromCatalog(appId, "Puzzle " + appId, "ANDROID", appId,
                "https://play.google.com/store/apps/details?id=" + appId, null, "GAME", "ACTIVE", Instant.now());
        this.teamAdmin = operators.newTeamAdmin();
        this.groupId = operators.newGroup(teamAdmin);
        assertThat(teamAdmin.post("/api/v1/groups/" + groupId + "/products", "{\"appId\":\"" + appId + "\"}").status())
                .isEqualTo(200);
        this.owner = operators.newUser(teamAdmin);
        operators.grant(teamAdmin, groupId, owner.userId(), "GROUP_ADMIN");
        this.buyer = operators.newUser(teamAdmin);
        operators.grant(teamAdmin, groupId, buyer.userId(), "BUYER");
    }

    public Client user(String role) {
        Client c = operators.newUser(teamAdmin);
        operators.grant(teamAdmin, groupId, c.userId(), role);
        return c;
    }

    public String p(String path) {
        return "/api/v1/products/" + appId + path;
    }

    public static String metaAccountId() {
        return "act_" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999_999L);
    }

    public static String tiktokAdvertiserId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, Long.MAX_VALUE));
    }

    public long connect(String media, String accountId, String token) {
        Answer a = owner.post(p("/ad-accounts"), "{\"media\":\"" + media + "\",\"accountId\":\"" + accountId
                + "\",\"name\":\"Account " + accountId + "\",\"accessToken\":\"" + token + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asLong();
    }

    public long metaTemplate() {
        return created(buyer.post(p("/creatives/templates"), """
                {"media":"META","name":"Install push","settings":{"objective":"OUTCOME_APP_PROMOTION",
                 "optimizationGoal":"APP_INSTALLS","billingEvent":"IMPRESSIONS","bidStrategy":"LOWEST_COST_WITHOUT_CAP",
                 "budgetType":"DAILY","budgetAmount":5000,"placements":["facebook","instagram"],
                 "callToAction":"INSTALL_MOBILE_APP","pageId":"1234567890","applicationId":"987654321",
                 "status":"PAUSED"}}"""));
    }

    public long tiktokTemplate() {
        return created(buyer.post(p("/creatives/templates"), """
                {"media":"TIKTOK","name":"TT installs","settings":{"objectiveType":"APP_PROMOTION",
                 "optimizationGoal":"INSTALL","billingEvent":"OCPM","bidType":"BID_TYPE_NO_BID",
                 "budgetType":"DAILY","budgetAmount":10000,"callToAction":"DOWNLOAD_NOW","applicationId":"7123456789",
                 "status":"PAUSED"}}"""));
    }

    public long audience(String name, String countries, String locationIds) {
        return created(buyer.post(p("/creatives/audiences"), "{\"name\":\"" + name + "\",\"spec\":{\"countries\":"
                + countries + ",\"locationIds\":" + locationIds + ",\"ageMin\":18,\"ageMax\":44,\"gender\":\"ALL\","
                + "\"os\":\"ANDROID\",\"languages\":[\"en\"]}}"));
    }

    public long copy(String name) {
        return created(buyer.post(p("/creatives/copies"), "{\"name\":\"" + name + "\",\"primaryText\":\"Play " + name
                + " today\",\"headline\":\"Free puzzle\",\"description\":\"No ads for a week\"}"));
    }

    public long image(int seed) {
        Answer a = upload(buyer, "img-" + seed + ".png", AssetInspectorTest.image("png", 300 + seed, 300, seed));
        return created(a);
    }

    public Answer upload(Client c, String fileName, byte[] bytes) {
        String boundary = "----adp" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + fileName
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.sendRaw("POST", p("/creatives/assets"), "multipart/form-data; boundary=" + boundary,
                out.toByteArray());
    }

    public static long created(Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asLong();
    }

    public static String ids(List<Long> ids) {
        return ids.toString().replace(" ", "");
    }

    public static List<Long> list(long... v) {
        List<Long> out = new ArrayList<>();
        for (long x : v) {
            out.add(x);
        }
        return out;
    }

    public static String request(List<Long> accounts, long template, List<Long> audiences, List<Long> copies,
                                 List<Long> assets) {
        return "{\"accountIds\":" + ids(accounts) + ",\"templateId\":" + template + ",\"audienceIds\":"
                + ids(audiences) + ",\"copyIds\":" + ids(copies) + ",\"assetIds\":" + ids(assets) + "}";
    }
}
