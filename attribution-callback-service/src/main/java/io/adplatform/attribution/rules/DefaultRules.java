package io.adplatform.attribution.rules;

import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Partner;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules a product gets for a partner until it configures its own (docs/services/attribution-callback-service.md).
 * <ul>
 *   <li>AppsFlyer: login → {@code af_login}, payment → {@code af_purchase} with revenue. No activation rule: AppsFlyer
 *       counts installs from its own SDK and S2S in-app events cannot create one, so an "install" sent here would only
 *       show up as a meaningless in-app event.</li>
 *   <li>Meta: new-device activation → {@code MobileAppInstall}, payment → {@code Purchase} with revenue.</li>
 *   <li>TikTok: new-device activation → {@code InstallApp}, login → {@code Login}, payment → {@code CompletePayment}
 *       with revenue.</li>
 * </ul>
 * Custom events are never sent by default: a product maps them explicitly.
 */
public final class DefaultRules {

    private static final Map<Partner, List<Rule>> DEFAULTS = Map.of(
            Partner.APPSFLYER, List.of(
                    Rule.of(EventType.LOGIN, "af_login"),
                    new Rule(EventType.PAYMENT, null, "af_purchase", false, true, Set.of())),
            Partner.META, List.of(
                    new Rule(EventType.ACTIVATION, null, "MobileAppInstall", true, false, Set.of()),
                    new Rule(EventType.PAYMENT, null, "Purchase", false, true, Set.of())),
            Partner.TIKTOK, List.of(
                    new Rule(EventType.ACTIVATION, null, "InstallApp", true, false, Set.of()),
                    Rule.of(EventType.LOGIN, "Login"),
                    new Rule(EventType.PAYMENT, null, "CompletePayment", false, true, Set.of())));

    private DefaultRules() {
    }

    public static List<Rule> of(Partner partner) {
        return DEFAULTS.get(partner);
    }
}
