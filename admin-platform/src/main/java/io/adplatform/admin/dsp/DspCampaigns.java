package io.adplatform.admin.dsp;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignValidator;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to DSP campaigns. Each one, in one transaction: the campaign row at its next version, the outbox record the
 * bidders are owed, and the audit entry — then the publisher is woken. A change is answered only once committed, and
 * a committed change reaches {@code config.campaigns} (see {@link OutboxPublisher}). Callers have checked the
 * operator's permission on the product.
 */
@Service
class DspCampaigns {

    private final DspCampaignStore store;
    private final CampaignOutbox outbox;
    private final OutboxPublisher publisher;
    private final CampaignValidator rules;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final DspProperties properties;
    private final Clock clock;

    DspCampaigns(DspCampaignStore store, CampaignOutbox outbox, OutboxPublisher publisher, CampaignValidator rules,
                 AuditLog audit, TransactionTemplate tx, DspProperties properties, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.publisher = publisher;
        this.rules = rules;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    List<DspCampaign> list(String appId) {
        return store.ofProduct(appId);
    }

    DspCampaign get(String appId, String id) {
        return store.find(appId, id).orElseThrow(() -> notFound(appId, id));
    }

    DspCampaign create(Operator op, String appId, CampaignDraft draft) {
        if (draft == null) {
            throw ApiProblem.invalid(List.of(new FieldError("body", "is required")));
        }
        Instant now = clock.instant();
        String id = "dsp-" + UUID.randomUUID().toString().replace("-", "");
        CampaignConfig config = draft.toConfig(id, appId, 1,
                draft.status() == null ? CampaignConfig.Status.PAUSED : draft.status(), properties.currency());
        List<FieldError> problems = draft.problems(config, rules, now, null);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        DspCampaign created = DspCampaign.create(id, appId, config, now);
        tx.executeWithoutResult(s -> {
            store.insert(created);
            outbox.append(id, created.version(), created.published(), now);
            audit.record(op, "dsp-campaign.created", "dsp-campaign", id, appId, summary(created));
        });
        publisher.wake();
        return created;
    }

    DspCampaign update(Operator op, String appId, String id, CampaignDraft draft) {
        if (draft == null) {
            throw ApiProblem.invalid(List.of(new FieldError("body", "is required")));
        }
        return change(op, appId, id, "dsp-campaign.changed", (current, now) -> {
            CampaignConfig next = draft.toConfig(id, appId, current.version() + 1, current.statusAfter(draft),
                    properties.currency());
            DspCampaign revised = current.revise(next, now);
            List<FieldError> problems = draft.problems(next, rules, now, current.config().endAt());
            if (!problems.isEmpty()) {
                throw ApiProblem.invalid(problems);
            }
            return revised;
        });
    }

    DspCampaign pause(Operator op, String appId, String id) {
        return change(op, appId, id, "dsp-campaign.paused", (c, now) -> c.pause(now));
    }

    DspCampaign resume(Operator op, String appId, String id) {
        return change(op, appId, id, "dsp-campaign.resumed", (c, now) -> c.resume(now));
    }

    DspCampaign archive(Operator op, String appId, String id) {
        return change(op, appId, id, "dsp-campaign.archived", (c, now) -> c.archive(now));
    }

    /**
     * Owes the topic every campaign again at its current version (archived ones as tombstones): the way back after the
     * topic was lost or a bidder cluster starts on a fresh one. Returns how many records were queued.
     */
    int republishAll() {
        Instant now = clock.instant();
        Integer n = tx.execute(s -> {
            List<DspCampaign> all = store.lockAll();
            for (DspCampaign c : all) {
                outbox.append(c.id(), c.version(), c.published(), now);
            }
            audit.recordSystem(null, "dsp-campaign.republished-all", "dsp-campaign", "*", null,
                    Map.of("records", all.size()));
            return all.size();
        });
        publisher.wake();
        return n == null ? 0 : n;
    }

    /** Locks the campaign, applies the change; a change that changes nothing writes nothing. */
    private DspCampaign change(Operator op, String appId, String id, String action,
                               BiFunction<DspCampaign, Instant, DspCampaign> change) {
        Instant now = clock.instant();
        DspCampaign[] result = new DspCampaign[1];
        boolean changed = Boolean.TRUE.equals(tx.execute(s -> {
            DspCampaign current = store.lock(appId, id).orElseThrow(() -> notFound(appId, id));
            DspCampaign next;
            try {
                next = change.apply(current, now);
            } catch (DspCampaign.Refused e) {
                throw ApiProblem.conflict(e.getMessage());
            }
            result[0] = next;
            if (next == current) {
                return false;
            }
            store.update(next);
            outbox.append(id, next.version(), next.published(), now);
            audit.record(op, action, "dsp-campaign", id, appId, summary(next));
            return true;
        }));
        if (changed) {
            publisher.wake();
        }
        return result[0];
    }

    private static Map<String, Object> summary(DspCampaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.config().name());
        m.put("status", c.status().name());
        m.put("version", c.version());
        return m;
    }

    private static ApiProblem notFound(String appId, String id) {
        return ApiProblem.notFound("product " + appId + " has no DSP campaign " + id);
    }
}
