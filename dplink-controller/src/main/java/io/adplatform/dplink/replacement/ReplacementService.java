package io.adplatform.dplink.replacement;

import io.adplatform.dplink.ads.Ad;
import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.ads.AdStatus;
import io.adplatform.dplink.ads.LinkRow;
import io.adplatform.dplink.ads.SwapRow;
import io.adplatform.dplink.counting.ClickStore;
import io.adplatform.dplink.counting.ServingEntry;
import io.adplatform.dplink.counting.TriggerRaiser;
import io.adplatform.dplink.dsp.DspGateway;
import io.adplatform.dplink.pool.LinkState;
import io.adplatform.dplink.pool.PoolLink;
import io.adplatform.dplink.pool.SwapPlan;
import io.adplatform.dplink.pool.SwapPlanner;
import io.adplatform.dplink.task.ReplacementTask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves an ad's rotation one step, in three parts so that no crash can swap twice or lose a link:
 * <ol>
 *   <li><b>decide</b> (one transaction, the ad's row locked): check the task is for the ad's current generation, apply
 *       the seed's rules and store the decision as a PENDING step keyed (ad, generation). A second worker, or the same
 *       task again, finds that step and carries out the same decision;</li>
 *   <li><b>tell the DSP</b>, outside any transaction. Every DSP call is safe to repeat (set the deep link to X; pause);</li>
 *   <li><b>commit</b> (one transaction): only from the same generation, move the links, bump the generation, mark the
 *       step DONE with the counts at that moment. Then the counters' view in Redis follows.</li>
 * </ol>
 * The caller acknowledges the task only after this returns.
 */
@Service
public class ReplacementService {

    private static final Logger log = LoggerFactory.getLogger(ReplacementService.class);
    /** Steps one reconcile task may take; links still left to retire are taken by the next task for the ad. */
    private static final int MAX_RECONCILE_STEPS = 50;

    private final AdRepository ads;
    private final ClickStore clicks;
    private final DspGateway dsp;
    private final ServingIndexSync servingIndex;
    private final TriggerRaiser triggers;
    private final TransactionTemplate tx;
    private final ReplacementMetrics metrics;
    private final Clock clock;
    private final String instanceId;
    private final double reserveMargin;

    public ReplacementService(AdRepository ads, ClickStore clicks, DspGateway dsp, ServingIndexSync servingIndex,
                              TriggerRaiser triggers, TransactionTemplate tx,
                              ReplacementMetrics metrics, Clock clock, ReplacementProperties properties) {
        this.ads = ads;
        this.clicks = clicks;
        this.dsp = dsp;
        this.servingIndex = servingIndex;
        this.triggers = triggers;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = clock;
        this.instanceId = properties.instanceId();
        this.reserveMargin = properties.reserveMargin();
    }

    /** Handles one task; a {@link io.adplatform.dplink.dsp.DspException} means the DSP did not take it (park it). */
    public Outcome handle(ReplacementTask task) {
        Outcome outcome = switch (task.kind()) {
            case REPLACE -> replace(task);
            case RECONCILE -> reconcile(task.adId());
        };
        metrics.handled(task, outcome, clock.instant());
        return outcome;
    }

    private Outcome replace(ReplacementTask task) {
        Decision d = tx.execute(s -> decideReplace(task));
        if (d == null) {
            // a crash between a commit and the Redis write leaves the old link in the counters' view
            servingIndex.repair(task.adId());
            return Outcome.STALE;
        }
        return carryOut(d);
    }

    private Outcome reconcile(String adId) {
        // A step left PENDING by a crash is finished first; then the links operators retired leave rotation, one step
        // each; then the ad is brought to its desired state.
        Outcome last = Outcome.NOTHING_TO_DO;
        for (int i = 0; i < MAX_RECONCILE_STEPS; i++) {
            Decision d = tx.execute(s -> decideReconcile(adId));
            if (d == null) {
                return last;
            }
            last = carryOut(d);
            if (!d.resumedPending() && !d.retirement()) {
                return last;
            }
        }
        return last;
    }

    private record Decision(Ad ad, SwapRow step, String newLinkUrl, boolean resumedPending, boolean retirement) {
    }

    private Decision decideReplace(ReplacementTask task) {
        Ad ad = ads.lock(task.adId()).orElse(null);
        if (ad == null || ad.generation() != task.generation() || ad.servingLinkId() == null) {
            return null;
        }
        SwapRow pending = ads.swap(ad.adId(), ad.generation()).orElse(null);
        if (pending != null) {
            return pending.done() ? null : resume(ad, pending);
        }
        if (ad.status() != AdStatus.ACTIVE) {
            return null;
        }
        List<LinkRow> rows = ads.links(ad.adId());
        Map<Long, Long> counts = clicks.counts(rows.stream().map(LinkRow::linkId).toList());
        SwapPlan plan = SwapPlanner.replace(pool(ad, rows), ad.servingLinkId(), "CAP".equals(task.reason()), counts,
                ad.poolSettings(reserveMargin), ad.lateReserve(), clock.instant());
        return decided(ad, plan.kind().name(), task.reason(), plan, counts);
    }

    private Decision decideReconcile(String adId) {
        Ad ad = ads.lock(adId).orElse(null);
        if (ad == null) {
            return null;
        }
        SwapRow pending = ads.swap(ad.adId(), ad.generation()).orElse(null);
        if (pending != null && !pending.done()) {
            return resume(ad, pending);
        }
        List<LinkRow> retiring = ads.retiring(ad.adId(), ad.servingLinkId());
        if (!retiring.isEmpty()) {
            return decideRetirement(ad, retiring.get(0));
        }
        if (ad.desiredState() == AdStatus.PAUSED && ad.status() == AdStatus.ACTIVE) {
            SwapPlan pause = new SwapPlan(SwapPlan.Kind.SWAP, null, null, ad.servingLinkId(), null, List.of(),
                    ad.lateReserve());
            return decided(ad, "PAUSE", "OPERATOR", pause, clicks.counts(List.of(ad.servingLinkId())));
        }
        if (ad.desiredState() != AdStatus.ACTIVE || ad.status() == AdStatus.ACTIVE) {
            return null;
        }
        List<LinkRow> rows = ads.links(ad.adId());
        Map<Long, Long> counts = clicks.counts(rows.stream().map(LinkRow::linkId).toList());
        SwapPlan plan = SwapPlanner.start(pool(ad, rows), ad.servingLinkId(), counts, ad.poolSettings(reserveMargin),
                ad.lateReserve(), clock.instant());
        if (plan.kind() == SwapPlan.Kind.EXHAUSTED && ad.status() == AdStatus.EXHAUSTED) {
            return null;
        }
        return decided(ad, plan.kind() == SwapPlan.Kind.EXHAUSTED ? "EXHAUSTED" : "START", "OPERATOR", plan, counts);
    }

    /**
     * An operator retired {@code link}. Serving on an active ad: it is replaced exactly as at a round's end (the same
     * planner, the same PENDING step for the ad's generation, the same DSP call), only it goes to RETIRED, never back
     * to the wait queue — and with no other usable link the ad is exhausted (paused at the DSP). Otherwise nothing is
     * told to the DSP: a RETIRE step moves it out of rotation (a paused ad's serving link included: resume picks
     * another).
     */
    private Decision decideRetirement(Ad ad, LinkRow link) {
        List<LinkRow> rows = ads.links(ad.adId());
        Map<Long, Long> counts = clicks.counts(rows.stream().map(LinkRow::linkId).toList());
        if (ad.status() == AdStatus.ACTIVE && Long.valueOf(link.linkId()).equals(ad.servingLinkId())) {
            SwapPlan plan = SwapPlanner.replace(pool(ad, rows), link.linkId(), false, counts,
                    ad.poolSettings(reserveMargin), ad.lateReserve(), clock.instant());
            Decision d = decided(ad, plan.kind().name(), "OPERATOR", plan, counts);
            return new Decision(d.ad(), d.step(), d.newLinkUrl(), false, true);
        }
        SwapPlan retire = new SwapPlan(SwapPlan.Kind.SWAP, link.linkId(), LinkState.RETIRED, null, null, List.of(),
                ad.lateReserve());
        Decision d = decided(ad, "RETIRE", "OPERATOR", retire, counts);
        return new Decision(d.ad(), d.step(), null, false, true);
    }

    private Decision decided(Ad ad, String kind, String reason, SwapPlan plan, Map<Long, Long> counts) {
        SwapRow step = new SwapRow(0, ad.adId(), ad.generation(), kind, reason, "PENDING", plan.oldLinkId(),
                plan.oldLinkNext(), plan.oldLinkId() == null ? null : counts.getOrDefault(plan.oldLinkId(), 0L),
                plan.newLinkId(), plan.newLinkId() == null ? null : counts.getOrDefault(plan.newLinkId(), 0L),
                plan.retired(), plan.reserve(), instanceId, null, clock.instant(), null);
        ads.insertSwap(step);
        return new Decision(ad, step, plan.newLinkUrl(), false, false);
    }

    private Decision resume(Ad ad, SwapRow pending) {
        String url = pending.newLinkId() == null ? null
                : ads.link(ad.adId(), pending.newLinkId()).map(LinkRow::url).orElse(null);
        log.info("ad {} generation {}: carrying out the pending {} decided by {}", ad.adId(), pending.generation(),
                pending.kind(), pending.actor());
        return new Decision(ad, pending, url, true, false);
    }

    /** Tells the DSP, then commits. */
    private Outcome carryOut(Decision d) {
        Ad ad = d.ad();
        SwapRow step = d.step();
        String swapKey = ad.adId() + ':' + step.generation();
        String ref = switch (step.kind()) {
            case "SWAP" -> dsp.setDeepLink(ad.dspAd(), d.newLinkUrl(), swapKey);
            case "START" -> {
                String r = dsp.setDeepLink(ad.dspAd(), d.newLinkUrl(), swapKey);
                yield r + ' ' + dsp.resume(ad.dspAd());
            }
            case "EXHAUSTED", "PAUSE" -> ad.status() == AdStatus.ACTIVE ? dsp.pause(ad.dspAd()) : null;
            default -> null; // RENEW: the DSP already serves this link; RETIRE: the DSP does not serve this link
        };
        Committed c = tx.execute(s -> commit(ad.adId(), step, ref));
        if (c == null) {
            return Outcome.STALE;
        }
        if (c.removeFromIndex() != null) {
            clicks.removeServing(List.of(c.removeFromIndex()));
        }
        if (c.serving() != null) {
            clicks.putServing(c.serving());
            // The clicks that end this new round may all have been counted between the decision and now.
            triggers.raiseIfDue(c.serving());
        }
        if (c.outcome() == Outcome.EXHAUSTED) {
            log.error("ALERT ad {} has no usable deep link left: paused at {} ({})", ad.adId(), ad.dsp(), ref);
        } else {
            log.info("ad {} generation {} → {}: {} link {} (count {}) → link {} (count {}), by {}", ad.adId(),
                    step.generation(), step.generation() + 1, step.kind(), step.oldLinkId(), c.oldCount(),
                    step.newLinkId(), c.newCount(), instanceId);
        }
        return c.outcome();
    }

    private record Committed(Outcome outcome, ServingEntry serving, Long removeFromIndex, Long oldCount, Long newCount) {
    }

    private Committed commit(String adId, SwapRow step, String ref) {
        Ad ad = ads.lock(adId).orElseThrow();
        if (ad.generation() != step.generation()) {
            return null;
        }
        Instant now = clock.instant();
        Set<Long> ids = new HashSet<>();
        if (step.oldLinkId() != null) {
            ids.add(step.oldLinkId());
        }
        if (step.newLinkId() != null) {
            ids.add(step.newLinkId());
        }
        Map<Long, Long> counts = clicks.counts(new ArrayList<>(ids));
        Long oldCount = step.oldLinkId() == null ? null : counts.get(step.oldLinkId());
        Long newCount = step.newLinkId() == null ? null : counts.get(step.newLinkId());
        long next = step.generation() + 1;
        Committed result;
        ads.retire(step.retired(), now);
        switch (step.kind()) {
            case "SWAP", "START" -> {
                if (step.oldLinkId() != null && !step.oldLinkId().equals(step.newLinkId())) {
                    ads.moveLink(step.oldLinkId(), step.oldLinkNext(), now, oldCount, false);
                }
                ads.moveLink(step.newLinkId(), LinkState.SERVING, now, null, true);
                ads.advance(adId, step.generation(), AdStatus.ACTIVE, step.newLinkId(), newCount, step.reserve(), null, now);
                Long previous = ad.servingLinkId() != null && !ad.servingLinkId().equals(step.newLinkId())
                        ? ad.servingLinkId() : null;
                result = new Committed("START".equals(step.kind()) ? Outcome.STARTED : Outcome.SWAPPED,
                        new ServingEntry(step.newLinkId(), adId, next, newCount), previous, oldCount, newCount);
            }
            case "RENEW" -> {
                ads.moveLink(step.newLinkId(), LinkState.SERVING, now, null, true);
                ads.advance(adId, step.generation(), AdStatus.ACTIVE, step.newLinkId(), newCount, step.reserve(), null, now);
                result = new Committed(Outcome.RENEWED, new ServingEntry(step.newLinkId(), adId, next, newCount), null,
                        oldCount, newCount);
            }
            case "EXHAUSTED" -> {
                if (step.oldLinkId() != null) {
                    // DONE at its cap, or RETIRED when an operator took the last usable link out
                    ads.moveLink(step.oldLinkId(), step.oldLinkNext() == null ? LinkState.DONE : step.oldLinkNext(),
                            now, oldCount, false);
                }
                ads.advance(adId, step.generation(), AdStatus.EXHAUSTED, null, null, step.reserve(),
                        "no usable deep link left: the ad was paused at the DSP; upload links and resume", now);
                result = new Committed(Outcome.EXHAUSTED, null, ad.servingLinkId(), oldCount, null);
            }
            case "RETIRE" -> {
                boolean wasServing = step.oldLinkId().equals(ad.servingLinkId());
                ads.moveLink(step.oldLinkId(), LinkState.RETIRED, now, wasServing ? oldCount : null, false);
                Long serving = wasServing ? null : ad.servingLinkId();
                Long wentLive = wasServing ? null : ad.wentLiveCount();
                ads.advance(adId, step.generation(), ad.status(), serving, wentLive, step.reserve(), ad.alert(), now);
                // The generation moved on: the counters must see the serving round under it, or its end raises a
                // task that is already stale.
                ServingEntry entry = ad.status() == AdStatus.ACTIVE && serving != null
                        ? new ServingEntry(serving, adId, next, wentLive == null ? 0 : wentLive) : null;
                result = new Committed(Outcome.RETIRED, entry, null, oldCount, null);
            }
            case "PAUSE" -> {
                ads.advance(adId, step.generation(), AdStatus.PAUSED, ad.servingLinkId(), ad.wentLiveCount(),
                        step.reserve(), null, now);
                result = new Committed(Outcome.PAUSED, null, ad.servingLinkId(), oldCount, newCount);
            }
            default -> throw new IllegalStateException("unknown step kind " + step.kind());
        }
        ads.completeSwap(adId, step.generation(), oldCount, newCount, ref, instanceId, now);
        return result;
    }

    private static List<PoolLink> pool(Ad ad, List<LinkRow> rows) {
        return rows.stream().map(r -> r.toPoolLink(ad.defaultCap())).toList();
    }
}
