package io.adplatform.attribution.rules;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.Partner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides where an event goes: for each partner the product reports to, the first of its rules that matches (the
 * product's configured rules, or {@link DefaultRules} when it configured none for that partner). At most one delivery
 * per partner, which is also what the callback log's unique (event, partner) key enforces.
 */
public final class RuleEngine {

    private RuleEngine() {
    }

    /**
     * @param enabledPartners partners with enabled settings for the event's product
     * @param configured      the product's own rules per partner; a partner missing here uses the defaults, a partner
     *                        mapped to an empty list gets nothing
     */
    public static List<Delivery> decide(AttributionEvent event, Set<Partner> enabledPartners,
                                        Map<Partner, List<Rule>> configured) {
        List<Delivery> out = new ArrayList<>(enabledPartners.size());
        for (Partner partner : Partner.values()) {
            if (!enabledPartners.contains(partner)) {
                continue;
            }
            List<Rule> rules = configured.getOrDefault(partner, DefaultRules.of(partner));
            for (Rule rule : rules) {
                if (rule.matches(event)) {
                    out.add(new Delivery(partner, rule.partnerEventName(), rule.includeRevenue()));
                    break;
                }
            }
        }
        return out;
    }
}
