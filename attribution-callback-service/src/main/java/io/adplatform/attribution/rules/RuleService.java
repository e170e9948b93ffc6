package io.adplatform.attribution.rules;

import io.adplatform.attribution.settings.SettingsProperties;
import io.adplatform.attribution.settings.SettingsService;
import io.adplatform.attribution.web.ApiProblem;
import io.adplatform.attribution.web.FieldError;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Partner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Rules per product and partner: validated writes, and a short-lived cache for the delivery path. */
@Service
public class RuleService {

    static final int MAX_RULES = 50;
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.:\\- ]{1,100}$");

    /** Rules of one partner as the API shows them. */
    public record PartnerRules(String source, List<Rule> rules) {
    }

    private record Cached(Map<Partner, List<Rule>> rules, Instant loadedAt) {
    }

    private final RuleRepository repository;
    private final SettingsService settings;
    private final SettingsProperties properties;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    RuleService(RuleRepository repository, SettingsService settings, SettingsProperties properties, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    /** The product's configured rules per partner (partners without any use {@link DefaultRules}). */
    public Map<Partner, List<Rule>> configured(String productId) {
        Instant now = clock.instant();
        Cached c = cache.get(productId);
        if (c == null || c.loadedAt().plus(properties.cacheTtl()).isBefore(now)) {
            c = new Cached(Map.copyOf(repository.findByProduct(productId)), now);
            cache.put(productId, c);
        }
        return c.rules();
    }

    Map<Partner, PartnerRules> effective(String productId) {
        requireProduct(productId);
        Map<Partner, List<Rule>> configured = repository.findByProduct(productId);
        Map<Partner, PartnerRules> out = new LinkedHashMap<>();
        for (Partner p : Partner.values()) {
            List<Rule> own = configured.get(p);
            out.put(p, own != null ? new PartnerRules("configured", own) : new PartnerRules("default", DefaultRules.of(p)));
        }
        return out;
    }

    PartnerRules replace(String productId, Partner partner, List<Rule> rules) {
        List<FieldError> errors = validate(rules);
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("the rules are invalid", errors);
        }
        requireProduct(productId);
        repository.replace(productId, partner, rules, clock.instant());
        cache.remove(productId);
        return new PartnerRules("configured", rules);
    }

    PartnerRules reset(String productId, Partner partner) {
        requireProduct(productId);
        repository.delete(productId, partner);
        cache.remove(productId);
        return new PartnerRules("default", DefaultRules.of(partner));
    }

    private void requireProduct(String productId) {
        if (!settings.productExists(productId)) {
            throw ApiProblem.notFound("unknown product '" + productId + "': create its partner settings first");
        }
    }

    static List<FieldError> validate(List<Rule> rules) {
        List<FieldError> errors = new ArrayList<>();
        if (rules == null) {
            errors.add(new FieldError("rules", "is required (an empty list sends nothing to this partner)"));
            return errors;
        }
        if (rules.size() > MAX_RULES) {
            errors.add(new FieldError("rules", "at most " + MAX_RULES + " rules per partner"));
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "].";
            if (r == null) {
                errors.add(new FieldError("rules[" + i + "]", "must not be null"));
                continue;
            }
            if (r.eventType() == null) {
                errors.add(new FieldError(at + "eventType", "is required: one of ACTIVATION, LOGIN, PAYMENT, CUSTOM"));
            } else if (r.eventType() == EventType.CUSTOM && (r.eventName() == null || !NAME.matcher(r.eventName()).matches())) {
                errors.add(new FieldError(at + "eventName", "is required for CUSTOM rules: 1 to 100 letters, digits, _ . : - or space"));
            } else if (r.eventType() != EventType.CUSTOM && r.eventName() != null) {
                errors.add(new FieldError(at + "eventName", "only CUSTOM rules match on an event name"));
            }
            if (r.partnerEventName() == null || !NAME.matcher(r.partnerEventName()).matches()) {
                errors.add(new FieldError(at + "partnerEventName", "is required: 1 to 100 letters, digits, _ . : - or space"));
            }
            if (r.mediaSources().stream().anyMatch(s -> s.isEmpty() || s.length() > 100)) {
                errors.add(new FieldError(at + "mediaSources", "entries must be 1 to 100 characters"));
            }
            for (int j = 0; j < i; j++) {
                Rule earlier = rules.get(j);
                if (earlier != null && r.eventType() != null && earlier.sameTrigger(r)) {
                    errors.add(new FieldError("rules[" + i + "]", "matches exactly what rules[" + j + "] matches"));
                }
            }
        }
        return errors;
    }
}
