package io.adplatform.fakes;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ads of a DSP fake whose deep link is a field of the ad, with what tests read of them. Thread-safe. */
final class DspAds {

    private final Map<String, DspAd> ads = new ConcurrentHashMap<>();

    void put(DspAd ad) {
        ads.put(ad.id, ad);
    }

    DspAd get(String adId) {
        return ads.get(adId);
    }

    Collection<DspAd> all() {
        return ads.values();
    }

    /** The ad's deep link now, or null if there is no such ad. */
    String deeplink(String adId) {
        DspAd ad = ads.get(adId);
        return ad == null ? null : ad.deeplink();
    }

    /** The ad's status now, or null if there is no such ad. */
    String status(String adId) {
        DspAd ad = ads.get(adId);
        return ad == null ? null : ad.status();
    }

    /** The deep links set through the API, oldest first. */
    List<DeeplinkChange> history(String adId) {
        DspAd ad = ads.get(adId);
        return ad == null ? List.of() : ad.history();
    }

    int size() {
        return ads.size();
    }

    void clear() {
        ads.clear();
    }
}
