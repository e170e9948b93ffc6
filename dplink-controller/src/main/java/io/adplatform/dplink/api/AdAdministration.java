package io.adplatform.dplink.api;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;

import io.adplatform.dplink.ads.Ad;
import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.ads.AdStatus;
import io.adplatform.dplink.ads.LinkRow;
import io.adplatform.dplink.ads.NewLink;
import io.adplatform.dplink.counting.AdLimitsCache;
import io.adplatform.dplink.counting.ClickStore;
import io.adplatform.dplink.dsp.Dsp;
import io.adplatform.dplink.pool.DeepLinks;
import io.adplatform.dplink.pool.LinkState;
import io.adplatform.dplink.pool.Limits;
import io.adplatform.dplink.pool.SwapPlan;
import io.adplatform.dplink.pool.SwapPlanner;
import io.adplatform.dplink.replacement.ReplacementProperties;
import io.adplatform.dplink.task.ReplacementTask;
import io.adplatform.dplink.task.TaskPublisher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pool API's work: checks every field before anything is written (a refused request changes nothing), writes in
 * one transaction, and hands pause/resume to the worker as a task so every DSP call for an ad runs in the same order.
 */
@Service
public class AdAdministration {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern DSP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_CAP = 100_000_000;
    static final int MAX_LINKS_PER_UPLOAD = 10_000;

    private final AdRepository ads;
    private final ClickStore clicks;
    private final AdLimitsCache limits;
    private final TaskPublisher tasks;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final double reserveMargin;

    public AdAdministration(AdRepository ads, ClickStore clicks, AdLimitsCache limits, TaskPublisher tasks,
                            TransactionTemplate tx, Clock clock, ReplacementProperties replacement) {
        this.ads = ads;
        this.clicks = clicks;
        this.limits = limits;
        this.tasks = tasks;
        this.tx = tx;
        this.clock = clock;
        this.reserveMargin = replacement.reserveMargin();
    }

    /** Creates the ad (answers true) or updates its settings; the rotation state is kept. */
    public boolean put(String adId, AdRequests.Ad r) {
        checkId(adId);
        if (r == null) {
            throw ApiProblem.invalid(List.of(new FieldError("body", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        Dsp dsp = null;
        if (r.dsp() == null) {
            errors.add(new FieldError("dsp", "is required: TIKTOK, META or GENERIC"));
        } else {
            try {
                dsp = Dsp.valueOf(r.dsp().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("dsp", "must be TIKTOK, META or GENERIC"));
            }
        }
        if (r.accountId() == null || !DSP_ID.matcher(r.accountId()).matches()) {
            errors.add(new FieldError("accountId", "is required: 1-64 letters, digits, '_' or '-'"));
        }
        if (r.dspAdId() == null || !DSP_ID.matcher(r.dspAdId()).matches()) {
            errors.add(new FieldError("dspAdId", "is required: 1-64 letters, digits, '_' or '-'"));
        }
        if (dsp == Dsp.META) {
            if (r.pageId() == null || !DSP_ID.matcher(r.pageId()).matches()) {
                errors.add(new FieldError("pageId", "is required for META: the page new creatives are published as"));
            }
            String p = r.landingUrl() == null ? "is required" : DeepLinks.problem(r.landingUrl(), List.of("https", "http"));
            if (p != null) {
                errors.add(new FieldError("landingUrl", p + " (META: the creative's web link)"));
            }
        }
        int cap = intField(errors, "defaultCap", r.defaultCap(), 5000, 1, MAX_CAP);
        int round = intField(errors, "roundSize", r.roundSize(), 500, 1, MAX_CAP);
        int wait = intField(errors, "waitCapacity", r.waitCapacity(), 20, 1, 1000);
        Integer reserve = r.lateReserve() == null ? null : intField(errors, "lateReserve", r.lateReserve(), 0, 0, MAX_CAP);
        List<String> schemes = r.allowedSchemes() == null ? List.of() : r.allowedSchemes();
        for (int i = 0; i < schemes.size(); i++) {
            String p = DeepLinks.schemeProblem(schemes.get(i));
            if (p != null) {
                errors.add(new FieldError("allowedSchemes[" + i + "]", p));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Dsp chosen = dsp;
        Instant now = clock.instant();
        Boolean created = tx.execute(s -> {
            Ad existing = ads.lock(adId).orElse(null);
            Ad ad = new Ad(adId, chosen, r.accountId(), r.dspAdId(), r.pageId(), r.landingUrl(), cap, round, wait,
                    reserve, schemes, existing == null ? AdStatus.PAUSED : existing.desiredState(),
                    existing == null ? AdStatus.DRAFT : existing.status(),
                    existing == null ? null : existing.servingLinkId(),
                    existing == null ? null : existing.wentLiveCount(), existing == null ? 0 : existing.generation(),
                    existing == null ? 0 : existing.lateReserve(), existing == null ? null : existing.alert(),
                    existing == null ? now : existing.createdAt(), now);
            if (existing == null) {
                ads.insert(ad);
                return true;
            }
            ads.updateSettings(ad);
            return false;
        });
        limits.evict(adId);
        return Boolean.TRUE.equals(created);
    }

    /** Adds links in the given order, all or none. */
    public AdViews.Added addLinks(String adId, AdRequests.Links r) {
        Ad ad = require(adId);
        if (r == null || r.links() == null || r.links().isEmpty()) {
            throw ApiProblem.invalid(List.of(new FieldError("links", "is required: at least one link")));
        }
        if (r.links().size() > MAX_LINKS_PER_UPLOAD) {
            throw ApiProblem.invalid(List.of(new FieldError("links", "at most " + MAX_LINKS_PER_UPLOAD + " per request")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<NewLink> links = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < r.links().size(); i++) {
            AdRequests.Link l = r.links().get(i);
            String field = "links[" + i + "]";
            if (l == null) {
                errors.add(new FieldError(field, "is required"));
                continue;
            }
            String p = DeepLinks.problem(l.url(), ad.allowedSchemes());
            if (p != null) {
                errors.add(new FieldError(field + ".url", p));
            } else if (seen.putIfAbsent(l.url(), i) != null) {
                errors.add(new FieldError(field + ".url", "repeats links[" + seen.get(l.url()) + "].url"));
            }
            if (l.cap() != null && (l.cap() < 1 || l.cap() > MAX_CAP)) {
                errors.add(new FieldError(field + ".cap", "must be between 1 and " + MAX_CAP));
            }
            if (p == null) {
                links.add(new NewLink(l.url(), sha256(l.url()), l.cap()));
            }
        }
        if (errors.isEmpty()) {
            List<String> existing = ads.existingUrlHashes(adId, links.stream().map(NewLink::urlSha256).toList());
            for (int i = 0; i < links.size(); i++) {
                if (existing.contains(links.get(i).urlSha256())) {
                    errors.add(new FieldError("links[" + i + "].url", "is already in this ad's pool"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        List<Long> ids = tx.execute(s -> ads.insertLinks(adId, links, clock.instant()));
        limits.evict(adId);
        return new AdViews.Added(adId, ids.size(), ids);
    }

    /** A link's own cap (null: back to the ad's default). The counters see it at once here, elsewhere within the cache TTL. */
    public void setCap(String adId, long linkId, AdRequests.Cap r) {
        Ad ad = require(adId);
        if (r == null) {
            throw ApiProblem.invalid(List.of(new FieldError("cap", "is required (null resets to the ad's default)")));
        }
        if (r.cap() != null && (r.cap() < 1 || r.cap() > MAX_CAP)) {
            throw ApiProblem.invalid(List.of(new FieldError("cap", "must be between 1 and " + MAX_CAP)));
        }
        ads.link(adId, linkId).orElseThrow(() -> ApiProblem.notFound("ad " + adId + " has no link " + linkId));
        ads.setLinkCap(linkId, r.cap());
        limits.evict(ad.adId());
    }

    /** The answer to a retirement: whether this call recorded it, and the link as it stands. */
    public record Retirement(boolean recorded, AdViews.Retired link) {
    }

    /**
     * Takes a link out of rotation for good (a wrong or expired deep link). The retirement is recorded at once, under
     * the ad's lock, so no decision made after it chooses the link again; the worker then moves it out in a step of its
     * own — for the serving link, the same replacement a round's end makes, so the DSP is told once and in order with
     * every other change of the ad. Repeating it records nothing new (and hands the worker the ad again, in case the
     * first task was not published).
     */
    public Retirement retire(String adId, long linkId) {
        require(adId);
        Instant now = clock.instant();
        Retirement r = tx.execute(s -> {
            Ad ad = ads.lock(adId).orElseThrow(() -> ApiProblem.notFound("no ad '" + adId + "' under DP-link control"));
            LinkRow link = ads.link(adId, linkId)
                    .orElseThrow(() -> ApiProblem.notFound("ad " + adId + " has no link " + linkId));
            boolean recorded = ads.markRetiring(linkId, now);
            LinkRow current = recorded ? ads.link(adId, linkId).orElseThrow() : link;
            return new Retirement(recorded, retiredView(ad, current));
        });
        limits.evict(adId);
        if (r.link().state() != LinkState.RETIRED) {
            Ad ad = ads.find(adId).orElseThrow();
            tasks.publish(ReplacementTask.reconcile(adId, ad.generation(), clock.instant()));
        }
        return r;
    }

    private static AdViews.Retired retiredView(Ad ad, LinkRow l) {
        boolean serving = ad.status() == AdStatus.ACTIVE && Long.valueOf(l.linkId()).equals(ad.servingLinkId());
        String detail = l.state() == LinkState.RETIRED ? "retired: out of rotation"
                : serving ? "retiring: the worker swaps the ad at the DSP to the next usable link (or pauses it when "
                        + "none is left); follow GET /internal/v1/dplink/ads/" + ad.adId()
                : "retiring: it will not be served again; the worker records the step";
        return new AdViews.Retired(ad.adId(), l.linkId(), l.url(), l.state(), l.retiredAt(), detail);
    }

    public AdViews.Accepted pause(String adId) {
        return desire(require(adId), AdStatus.PAUSED);
    }

    public AdViews.Accepted resume(String adId) {
        Ad ad = require(adId);
        if (ad.status() != AdStatus.ACTIVE) {
            List<LinkRow> rows = ads.links(adId);
            Map<Long, Long> counts = clicks.counts(rows.stream().map(LinkRow::linkId).toList());
            SwapPlan plan = SwapPlanner.start(rows.stream().map(l -> l.toPoolLink(ad.defaultCap())).toList(),
                    ad.servingLinkId(), counts, ad.poolSettings(reserveMargin), ad.lateReserve(), clock.instant());
            if (plan.kind() == SwapPlan.Kind.EXHAUSTED) {
                throw ApiProblem.conflict("ad " + adId + " has no usable link: upload links first");
            }
        }
        return desire(ad, AdStatus.ACTIVE);
    }

    private AdViews.Accepted desire(Ad ad, AdStatus desired) {
        String adId = ad.adId();
        ads.setDesiredState(adId, desired, clock.instant());
        tasks.publish(ReplacementTask.reconcile(adId, ad.generation(), clock.instant()));
        return new AdViews.Accepted(adId, desired.name(), ad.status().name(),
                "the worker brings the ad at the DSP to " + desired + "; follow GET /internal/v1/dplink/ads/" + adId);
    }

    public AdViews.AdState state(String adId) {
        Ad ad = require(adId);
        List<LinkRow> rows = ads.links(adId);
        Map<Long, Long> counts = clicks.counts(rows.stream().map(LinkRow::linkId).toList());
        int reserve = ad.reserve();
        List<AdViews.LinkView> links = new ArrayList<>();
        int notStarted = 0, waiting = 0, done = 0, retired = 0;
        long total = 0, over = 0, left = 0;
        AdViews.Serving serving = null;
        for (LinkRow l : rows) {
            long n = counts.getOrDefault(l.linkId(), 0L);
            int cap = l.capOr(ad.defaultCap());
            total += n;
            over += Math.max(0, n - cap);
            switch (l.state()) {
                case NOT_STARTED -> notStarted++;
                case WAITING -> waiting++;
                case DONE -> {
                    done++;
                    left += Math.max(0, cap - n);
                }
                case RETIRED -> retired++;
                case SERVING -> { }
            }
            Long late = l.state() == LinkState.WAITING && l.countAtSwapOut() != null ? n - l.countAtSwapOut() : null;
            links.add(new AdViews.LinkView(l.linkId(), l.url(), cap, l.cap() != null, l.state(), n, l.rounds(),
                    l.stateSince(), late, l.retiredAt()));
            if (ad.status() == AdStatus.ACTIVE && ad.servingLinkId() != null && l.linkId() == ad.servingLinkId()) {
                long wentLive = ad.wentLiveCount() == null ? 0 : ad.wentLiveCount();
                serving = new AdViews.Serving(l.linkId(), l.url(), n, wentLive,
                        Limits.roundEnd(wentLive, ad.roundSize(), cap, reserve), cap);
            }
        }
        List<Long> queue = rows.stream().filter(l -> l.state() == LinkState.WAITING)
                .sorted(Comparator.comparing(LinkRow::stateSince).thenComparingLong(LinkRow::linkId))
                .map(LinkRow::linkId).toList();
        return new AdViews.AdState(adId, ad.dsp().name(), ad.accountId(), ad.dspAdId(),
                new AdViews.Settings(ad.defaultCap(), ad.roundSize(), ad.waitCapacity(), reserve,
                        ad.fixedReserve() == null, ad.allowedSchemes(), ad.pageId(), ad.landingUrl()),
                ad.desiredState().name(), ad.status().name(), ad.alert(), ad.generation(), serving,
                new AdViews.Totals(rows.size(), notStarted, waiting, done, retired, total, over, left), queue, links,
                ads.swapCount(adId), ad.updatedAt());
    }

    public List<AdViews.AdSummary> list(int limit, int offset) {
        return ads.list(limit, offset).stream().map(a -> new AdViews.AdSummary(a.adId(), a.dsp().name(),
                a.status().name(), a.alert(), a.servingLinkId(), a.generation())).toList();
    }

    public AdViews.Swaps swaps(String adId, int limit) {
        require(adId);
        return new AdViews.Swaps(adId, ads.swaps(adId, limit));
    }

    public Ad require(String adId) {
        checkId(adId);
        return ads.find(adId).orElseThrow(() -> ApiProblem.notFound("no ad '" + adId + "' under DP-link control"));
    }

    private static void checkId(String adId) {
        if (adId == null || !ID.matcher(adId).matches()) {
            throw ApiProblem.invalid(List.of(new FieldError("adId", "must be 1-128 letters, digits, '.', '_', ':' or '-'")));
        }
    }

    private static int intField(List<FieldError> errors, String field, Integer value, int dflt, int min, int max) {
        if (value == null) {
            return dflt;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
            return dflt;
        }
        return value;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
