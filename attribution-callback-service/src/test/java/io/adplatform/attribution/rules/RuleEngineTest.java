package io.adplatform.attribution.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.attribution.support.TestEvents;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Partner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    static final Set<Partner> ALL = Set.of(Partner.values());

    static AttributionEvent event(EventType type, String name, boolean newDevice) {
        return TestEvents.android("e1", "app", "1700000000000-1234567890123456789", type, name,
                type == EventType.PAYMENT ? TestEvents.usd("9.99") : null, newDevice, AT);
    }

    @Test
    void defaultsSendPurchasesEverywhereWithRevenue() {
        List<Delivery> out = RuleEngine.decide(event(EventType.PAYMENT, null, false), ALL, Map.of());

        assertThat(out).containsExactly(
                new Delivery(Partner.APPSFLYER, "af_purchase", true),
                new Delivery(Partner.META, "Purchase", true),
                new Delivery(Partner.TIKTOK, "CompletePayment", true));
    }

    @Test
    void defaultsSendOnlyNewDeviceActivationsAndNeverToAppsFlyer() {
        assertThat(RuleEngine.decide(event(EventType.ACTIVATION, null, true), ALL, Map.of())).containsExactly(
                new Delivery(Partner.META, "MobileAppInstall", false),
                new Delivery(Partner.TIKTOK, "InstallApp", false));
        assertThat(RuleEngine.decide(event(EventType.ACTIVATION, null, false), ALL, Map.of())).isEmpty();
    }

    @Test
    void defaultsSendLoginsToAppsFlyerAndTikTokAndNoCustomEvents() {
        assertThat(RuleEngine.decide(event(EventType.LOGIN, null, false), ALL, Map.of()))
                .extracting(Delivery::partner).containsExactly(Partner.APPSFLYER, Partner.TIKTOK);
        assertThat(RuleEngine.decide(event(EventType.CUSTOM, "level_up", false), ALL, Map.of())).isEmpty();
    }

    @Test
    void onlyPartnersWithEnabledSettingsGetAnything() {
        assertThat(RuleEngine.decide(event(EventType.PAYMENT, null, false), Set.of(Partner.META), Map.of()))
                .extracting(Delivery::partner).containsExactly(Partner.META);
    }

    @Test
    void configuredRulesReplaceThatPartnersDefaultsAndTheFirstMatchWins() {
        Map<Partner, List<Rule>> configured = Map.of(Partner.APPSFLYER, List.of(
                new Rule(EventType.CUSTOM, "level_up", "af_level_achieved", false, false, Set.of()),
                new Rule(EventType.CUSTOM, "level_up", "never_reached", false, true, Set.of("organic"))),
                Partner.META, List.of());

        assertThat(RuleEngine.decide(event(EventType.CUSTOM, "level_up", false), ALL, configured))
                .containsExactly(new Delivery(Partner.APPSFLYER, "af_level_achieved", false));
        assertThat(RuleEngine.decide(event(EventType.CUSTOM, "Level_Up", false), ALL, configured)).isEmpty();
        assertThat(RuleEngine.decide(event(EventType.PAYMENT, null, false), ALL, configured))
                .containsExactly(new Delivery(Partner.TIKTOK, "CompletePayment", true));
    }

    @Test
    void mediaSourceFiltersMatchCaseInsensitivelyAndOrganicByName() {
        Rule facebookOnly = new Rule(EventType.LOGIN, null, "Login", false, false, Set.of("Facebook_Ads"));
        Rule organicOnly = new Rule(EventType.LOGIN, null, "Login", false, false, Set.of("organic"));
        AttributionEvent attributed = event(EventType.LOGIN, null, false);
        AttributionEvent organic = new AttributionEvent(attributed.event(), false, AT, AttributionInfo.ORGANIC, AT);

        assertThat(facebookOnly.matches(attributed)).isTrue();
        assertThat(facebookOnly.matches(organic)).isFalse();
        assertThat(organicOnly.matches(organic)).isTrue();
        assertThat(organicOnly.matches(attributed)).isFalse();
    }

    @Test
    void validationNamesEveryFieldAtFault() {
        List<Rule> rules = java.util.Arrays.asList(
                new Rule(null, null, "x", null, null, null),
                new Rule(EventType.CUSTOM, null, "x", null, null, null),
                new Rule(EventType.LOGIN, "named", "x", null, null, null),
                new Rule(EventType.LOGIN, null, "bad/name", null, null, null),
                new Rule(EventType.PAYMENT, null, "a", null, null, null),
                new Rule(EventType.PAYMENT, null, "b", null, null, null),
                null);

        assertThat(RuleService.validate(rules)).extracting(io.adplatform.attribution.web.FieldError::field)
                .containsExactly("rules[0].eventType", "rules[1].eventName", "rules[2].eventName",
                        "rules[3].partnerEventName", "rules[5]", "rules[6]");
        assertThat(RuleService.validate(null)).extracting(io.adplatform.attribution.web.FieldError::field)
                .containsExactly("rules");
        assertThat(RuleService.validate(List.of())).isEmpty();
    }
}
