package io.adplatform.dplink.counting;

import io.adplatform.dplink.ads.Ad;
import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.ads.LinkRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Caps and round sizes per ad, read from the database at most once per {@code configCacheTtl} per ad (seed 004: the
 * limits come from configuration, cached locally so counting never waits on the database per click). A change made
 * through this instance's API is seen at once ({@link #evict}); one made elsewhere within the TTL.
 */
@Component
public class AdLimitsCache {

    private record Entry(AdLimits limits, Instant loadedAt) {
    }

    private final AdRepository ads;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AdLimitsCache(AdRepository ads, Clock clock, CountingProperties properties) {
        this.ads = ads;
        this.clock = clock;
        this.ttl = properties.configCacheTtl();
    }

    /** The limits of these ads, loading the missing and stale ones in one go; an unknown ad is absent. */
    public Map<String, AdLimits> get(Collection<String> adIds) {
        Instant now = clock.instant();
        Map<String, AdLimits> found = new HashMap<>();
        List<String> load = new ArrayList<>();
        for (String id : Set.copyOf(adIds)) {
            Entry e = entries.get(id);
            if (e == null || e.loadedAt().plus(ttl).isBefore(now)) {
                load.add(id);
            } else if (e.limits() != null) {
                found.put(id, e.limits());
            }
        }
        if (!load.isEmpty()) {
            Map<String, Map<Long, Integer>> caps = new HashMap<>();
            for (LinkRow l : ads.cappedLinks(load)) {
                caps.computeIfAbsent(l.adId(), k -> new HashMap<>()).put(l.linkId(), l.cap());
            }
            for (Ad ad : ads.findAll(load)) {
                AdLimits limits = new AdLimits(ad.adId(), ad.status(), ad.defaultCap(), ad.roundSize(), ad.reserve(),
                        caps.getOrDefault(ad.adId(), Map.of()));
                entries.put(ad.adId(), new Entry(limits, now));
                found.put(ad.adId(), limits);
            }
        }
        return found;
    }

    public void evict(String adId) {
        entries.remove(adId);
    }
}
