package io.adplatform.bidder.campaign;

import io.adplatform.bidder.pricing.Pricing;
import io.adplatform.bidder.targeting.ConjunctionIndex;
import io.adplatform.common.dsp.CampaignConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * The campaigns one bidder bids for, immutable: replaced as a whole when the configuration changes, so the bid path
 * reads one consistent version without locks. Recall goes through the conjunction index, never a scan.
 */
public final class CampaignCatalog {

    private static final CampaignCatalog EMPTY = new CampaignCatalog(Map.of(), ConjunctionIndex.<Campaign>builder().build(),
            Set.of(), 0);

    private final Map<String, Campaign> byId;
    private final ConjunctionIndex<Campaign> index;
    private final Set<String> timezones;
    private final long version;
    // by recall ordinal, what the coarse rank reads of each of ~300 recalled campaigns, side by side in one flat array
    // (start, end, expected value, CPM price: one cache line): following pointers from each Campaign to its config
    // cost more than the rest of the rank
    private static final int START = 0;
    private static final int END = 1;
    private static final int VALUE = 2;
    private static final int CPM = 3;
    private final long[] rank;

    private CampaignCatalog(Map<String, Campaign> byId, ConjunctionIndex<Campaign> index, Set<String> timezones,
                            long version) {
        this.byId = byId;
        this.index = index;
        this.timezones = timezones;
        this.version = version;
        int n = index.ownerCount();
        rank = new long[n * 4];
        for (int i = 0; i < n; i++) {
            Campaign c = index.owner(i);
            rank[i * 4 + START] = c.startMillis();
            rank[i * 4 + END] = c.endMillis();
            rank[i * 4 + VALUE] = c.expectedValueMicros();
            rank[i * 4 + CPM] = c.pricing().model() == Pricing.Model.CPM ? c.pricing().priceMicros() : Long.MAX_VALUE;
        }
    }

    public static CampaignCatalog empty() {
        return EMPTY;
    }

    /** Indexes the active campaigns among {@code configs}; paused ones are kept for notices but never recalled. */
    public static CampaignCatalog of(Collection<CampaignConfig> configs, long version) {
        Map<String, Campaign> byId = new HashMap<>();
        ConjunctionIndex.Builder<Campaign> index = ConjunctionIndex.builder();
        Set<String> zones = new TreeSet<>();
        for (CampaignConfig config : configs) {
            Campaign campaign;
            List<io.adplatform.bidder.targeting.Conjunction> dnf;
            try {
                campaign = Campaign.of(config);
                dnf = TargetingCompiler.compile(config);
            } catch (RuntimeException e) {
                // a campaign the loader's validation would have refused (written to the topic by another way)
                LoggerFactory.getLogger(CampaignCatalog.class).error("campaign {} cannot run: {}", config.id(),
                        e.toString());
                continue;
            }
            byId.put(config.id(), campaign);
            if (config.status() != CampaignConfig.Status.ACTIVE || config.creatives().isEmpty()) {
                continue;
            }
            index.add(campaign, dnf);
            var t = config.targeting();
            if (t != null && t.hoursOfWeek() != null && !t.hoursOfWeek().isEmpty()) {
                zones.add(Attributes.zone(t.timezone()));
            }
        }
        return new CampaignCatalog(Map.copyOf(byId), index.build(), Set.copyOf(zones), version);
    }

    /**
     * Campaigns whose targeting the request (attribute → values) satisfies, without allocating: their ordinals into
     * {@code out} (at least {@link #recallable()} long); returns how many. {@link #recalled} gives the campaign of an
     * ordinal.
     */
    public int recall(Map<String, Set<String>> request, int[] out) {
        return index.match(request, out);
    }

    /** How many campaigns recall can return: the active ones with creatives. */
    public int recallable() {
        return index.ownerCount();
    }

    public Campaign recalled(int ordinal) {
        return index.owner(ordinal);
    }

    /** Inside its flight dates (every recallable campaign is active). */
    public boolean live(int ordinal, long nowMillis) {
        return nowMillis >= rank[ordinal * 4 + START] && nowMillis < rank[ordinal * 4 + END];
    }

    /** {@link Campaign#expectedValueMicros()} of a recalled campaign. */
    public long expectedValueMicros(int ordinal) {
        return rank[ordinal * 4 + VALUE];
    }

    /** A CPM campaign's price, which a floor above it rules out; {@link Long#MAX_VALUE} for CPC. */
    public long cpmMicros(int ordinal) {
        return rank[ordinal * 4 + CPM];
    }

    public Campaign get(String id) {
        return byId.get(id);
    }

    public Collection<Campaign> all() {
        return byId.values();
    }

    /** Time zones campaigns day-part in: a request carries its hour of week in each. */
    public Set<String> timezones() {
        return timezones;
    }

    public int size() {
        return byId.size();
    }

    public long version() {
        return version;
    }
}
