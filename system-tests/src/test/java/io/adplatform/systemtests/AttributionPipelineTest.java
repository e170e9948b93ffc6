package io.adplatform.systemtests;

import static io.adplatform.systemtests.PartnerPayloads.appsflyerEvent;
import static io.adplatform.systemtests.PartnerPayloads.metaEvents;
import static io.adplatform.systemtests.PartnerPayloads.tiktokEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.pii.PiiHashing;
import io.adplatform.fakes.ReceivedRequest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SDK events posted to ingestion come out at AppsFlyer, Meta and TikTok with the right payloads, field by field, through
 * the real router, activation pool and attribution service.
 */
class AttributionPipelineTest extends PlatformTest {


    @BeforeEach
    void clearFakes() {
        platform.fakes.reset();
    }

    @Test
    void installLoginAndPurchaseReachEveryPartnerFieldByField() {
        Events device = Events.newDevice();
        String activationId = Events.id();
        String loginId = Events.id();
        String paymentId = Events.id();
        String paymentTime = Events.now();

        HttpResponse<String> answer = platform.postEvents(Events.batch(
                device.activation(activationId, Events.now(), "tiktokglobal_int", "launch-de"),
                device.login(loginId, Events.now(), "user-42"),
                device.payment(paymentId, paymentTime, "user-42", "9.99", "EUR", " John.Doe@Example.com ", "+49 (151) 2345-6789")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode results = EventJson.mapper().readTree(answer.body()).get("results");
        assertThat(results).hasSize(3);
        results.forEach(r -> assertThat(r.get("status").asString()).isEqualTo("accepted"));

        // Defaults: AppsFlyer af_login + af_purchase; Meta install + purchase; TikTok install, login, payment.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(platform.fakes.appsflyer().accepted()).hasSize(2);
            assertThat(platform.fakes.meta().uniqueEventCount()).isEqualTo(2);
            assertThat(platform.fakes.tiktok().uniqueEventCount()).isEqualTo(3);
        });

        String emailHash = PiiHashing.sha256Hex("john.doe@example.com");
        String phoneHash = PiiHashing.sha256Hex("4915123456789");

        // AppsFlyer S2S: one event per request, revenue inside eventValue (a string of JSON)
        Map<String, JsonNode> appsflyer = platform.fakes.appsflyer().accepted().stream()
                .map(PartnerPayloads::appsflyerEvent)
                .collect(Collectors.toMap(e -> e.get("eventName").asString(), Function.identity()));
        JsonNode purchase = appsflyer.get("af_purchase");
        assertThat(purchase.get("appsflyer_id").asString()).isEqualTo(device.appsflyerId);
        assertThat(purchase.get("advertising_id").asString()).isEqualTo(device.gaid);
        assertThat(purchase.get("customer_user_id").asString()).isEqualTo("user-42");
        assertThat(purchase.get("eventCurrency").asString()).isEqualTo("EUR");
        assertThat(purchase.get("eventTime").asString()).isEqualTo(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC).format(Instant.parse(paymentTime)));
        assertThat(purchase.get("eventValue").isString()).isTrue();
        JsonNode value = EventJson.mapper().readTree(purchase.get("eventValue").asString());
        assertThat(value.get("af_revenue").asString()).isEqualTo("9.99");
        assertThat(value.get("af_currency").asString()).isEqualTo("EUR");
        assertThat(purchase.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(appsflyer.get("af_login").get("customer_user_id").asString()).isEqualTo("user-42");
        ReceivedRequest afRequest = platform.fakes.appsflyer().accepted().get(0);
        assertThat(afRequest.path()).endsWith("/inappevent/" + RunningPlatform.ANDROID_APP);

        // Meta Conversions API: app events, event_id for dedup, hashed user data, exact revenue
        Map<String, JsonNode> meta = platform.fakes.meta().accepted().stream()
                .flatMap(r -> metaEvents(r).stream())
                .collect(Collectors.toMap(e -> e.get("event_name").asString(), Function.identity(), (a, b) -> a));
        assertThat(meta.keySet()).containsExactlyInAnyOrder("MobileAppInstall", "Purchase");
        JsonNode metaInstall = meta.get("MobileAppInstall");
        assertThat(metaInstall.get("event_id").asString()).isEqualTo(activationId);
        assertThat(metaInstall.get("action_source").asString()).isEqualTo("app");
        JsonNode metaPurchase = meta.get("Purchase");
        assertThat(metaPurchase.get("event_id").asString()).isEqualTo(paymentId);
        assertThat(metaPurchase.get("event_time").asLong()).isEqualTo(Instant.parse(paymentTime).getEpochSecond());
        assertThat(new BigDecimal(metaPurchase.at("/custom_data/value").asString(metaPurchase.at("/custom_data/value").toString())))
                .isEqualByComparingTo("9.99");
        assertThat(metaPurchase.at("/custom_data/currency").asString()).isEqualToIgnoringCase("EUR");
        assertThat(textValues(metaPurchase.at("/user_data/em"))).containsExactly(emailHash);
        assertThat(textValues(metaPurchase.at("/user_data/ph"))).containsExactly(phoneHash);
        assertThat(textValues(metaPurchase.at("/user_data/external_id"))).containsExactly(PiiHashing.hashExternalId("user-42"));
        assertThat(metaPurchase.at("/user_data/madid").asString()).isEqualTo(device.gaid);
        assertThat(metaPurchase.at("/user_data/client_ip_address").asString()).isEqualTo("127.0.0.1");
        assertThat(metaPurchase.at("/app_data/extinfo").size()).isEqualTo(16);
        assertThat(platform.fakes.meta().accepted().get(0).path())
                .matches(".*/v\\d+\\.0/" + io.adplatform.fakes.DemoCredentials.META_DATASET + "/events");

        // TikTok Events API: event_source app, event_id, hashed email/phone arrays, exact value
        Map<String, JsonNode> tiktok = platform.fakes.tiktok().accepted().stream()
                .flatMap(r -> tiktokEvents(r).stream())
                .collect(Collectors.toMap(e -> e.get("event").asString(), Function.identity(), (a, b) -> a));
        assertThat(tiktok.keySet()).containsExactlyInAnyOrder("InstallApp", "Login", "CompletePayment");
        JsonNode envelope = PartnerPayloads.tiktokEnvelope(platform.fakes.tiktok().accepted().get(0));
        assertThat(envelope.get("event_source").asString()).isEqualTo("app");
        assertThat(envelope.get("event_source_id").asString()).isEqualTo(io.adplatform.fakes.DemoCredentials.TIKTOK_EVENT_SOURCE);
        JsonNode completePayment = tiktok.get("CompletePayment");
        assertThat(completePayment.get("event_id").asString()).isEqualTo(paymentId);
        assertThat(completePayment.get("event_time").asLong()).isEqualTo(Instant.parse(paymentTime).getEpochSecond());
        assertThat(new BigDecimal(completePayment.at("/properties/value").toString().replace("\"", ""))).isEqualByComparingTo("9.99");
        assertThat(completePayment.at("/properties/currency").asString()).isEqualTo("EUR");
        assertThat(textValues(completePayment.at("/user/email"))).containsExactly(emailHash);
        assertThat(textValues(completePayment.at("/user/phone"))).containsExactly(PiiHashing.sha256Hex("+4915123456789"));
        assertThat(tiktok.get("InstallApp").get("event_id").asString()).isEqualTo(activationId);

        // Raw PII never left the platform
        List<ReceivedRequest> everything = new java.util.ArrayList<>(platform.fakes.appsflyer().received());
        everything.addAll(platform.fakes.meta().received());
        everything.addAll(platform.fakes.tiktok().received());
        assertThat(everything).noneMatch(r -> r.body().toLowerCase().contains("john.doe"));
    }

    @Test
    void retriedEventsAndKnownDevicesAreReportedOnce() {
        Events device = Events.newDevice();
        String activation = device.activation(Events.id(), Events.now(), "Facebook Ads", "retarget");
        String payment = device.payment(Events.id(), Events.now(), "user-7", "4.99", "USD", "a@b.co", "+1 650 555 1212");

        assertThat(platform.postEvents(Events.batch(activation, payment)).statusCode()).isEqualTo(202);
        // The SDK retries the same request (lost answer): same event ids
        HttpResponse<String> retry = platform.postEvents(Events.batch(activation, payment));
        assertThat(retry.statusCode()).isEqualTo(202);
        EventJson.mapper().readTree(retry.body()).get("results")
                .forEach(r -> assertThat(r.get("status").asString()).isEqualTo("duplicate"));
        // The app is reinstalled: a new activation of the same device is not a new install
        assertThat(platform.postEvents(device.activation(Events.id(), Events.now(), "Facebook Ads", "retarget")).statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(platform.fakes.meta().uniqueEventCount()).isEqualTo(2); // install + purchase
            assertThat(platform.fakes.tiktok().uniqueEventCount()).isEqualTo(2);
            assertThat(platform.fakes.appsflyer().accepted()).hasSize(1); // af_purchase
        });
        // and nothing more arrives later
        ServiceProcess.sleep(3_000);
        assertThat(platform.fakes.meta().duplicateCount()).isZero();
        assertThat(platform.fakes.tiktok().duplicateCount()).isZero();
        assertThat(platform.fakes.meta().uniqueEventCount()).isEqualTo(2);
        assertThat(platform.fakes.tiktok().uniqueEventCount()).isEqualTo(2);
        assertThat(platform.fakes.appsflyer().requestCount()).isEqualTo(1);
    }

    private static List<String> textValues(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new java.util.ArrayList<>();
            node.forEach(n -> values.add(n.asString()));
            return values;
        }
        return List.of(node.asString());
    }
}
