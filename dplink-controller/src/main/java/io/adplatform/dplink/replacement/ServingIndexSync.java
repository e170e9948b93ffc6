package io.adplatform.dplink.replacement;

import io.adplatform.dplink.ads.Ad;
import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.ads.AdStatus;
import io.adplatform.dplink.ads.LinkRow;
import io.adplatform.dplink.counting.ClickStore;
import io.adplatform.dplink.counting.ServingEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the counters' view of serving links (Redis) equal to the database, at start and every
 * {@code index-sync-interval}: an entry is added for every active ad and removed only when the database is at least
 * as new as the entry (a worker may have just committed a newer step than this pass read). The same rule repairs one
 * ad when a stale task shows its entry is behind.
 */
@Component
class ServingIndexSync {

    private static final Logger log = LoggerFactory.getLogger(ServingIndexSync.class);

    private final AdRepository ads;
    private final ClickStore clicks;

    ServingIndexSync(AdRepository ads, ClickStore clicks) {
        this.ads = ads;
        this.clicks = clicks;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        sync();
    }

    @Scheduled(initialDelayString = "${adplatform.dplink.replacement.index-sync-interval:30s}",
            fixedDelayString = "${adplatform.dplink.replacement.index-sync-interval:30s}")
    void sync() {
        Map<Long, ServingEntry> entries = clicks.serving();
        Map<String, Ad> byId = new HashMap<>();
        ads.active().forEach(a -> byId.put(a.adId(), a));
        List<String> others = entries.values().stream().map(ServingEntry::adId).filter(id -> !byId.containsKey(id))
                .distinct().toList();
        ads.findAll(others).forEach(a -> byId.put(a.adId(), a));
        reconcile(entries, byId);
    }

    /** The same for one ad, reading only its own links' entries: after a stale task named it. */
    void repair(String adId) {
        Ad ad = ads.find(adId).orElse(null);
        if (ad != null) {
            reconcile(clicks.serving(ads.links(adId).stream().map(LinkRow::linkId).toList()), Map.of(adId, ad));
        }
    }

    private void reconcile(Map<Long, ServingEntry> entries, Map<String, Ad> byId) {
        List<Long> stale = new ArrayList<>();
        entries.values().forEach(e -> {
            Ad ad = byId.get(e.adId());
            boolean current = ad != null && ad.status() == AdStatus.ACTIVE && ad.servingLinkId() != null
                    && ad.servingLinkId() == e.linkId();
            if (!current && (ad == null || ad.generation() >= e.generation())) {
                stale.add(e.linkId());
            }
        });
        clicks.removeServing(stale);
        int added = 0;
        for (Ad ad : byId.values()) {
            if (ad.status() == AdStatus.ACTIVE && ad.servingLinkId() != null) {
                ServingEntry want = new ServingEntry(ad.servingLinkId(), ad.adId(), ad.generation(), ad.wentLiveCount());
                if (!want.equals(entries.get(ad.servingLinkId())) && clicks.putServing(want)) {
                    added++;
                }
            }
        }
        if (added > 0 || !stale.isEmpty()) {
            log.info("serving index repaired: {} added, {} stale removed", added, stale.size());
        }
    }
}
