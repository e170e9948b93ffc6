package io.adplatform.fakes;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One ad on a DSP whose deep link is a field of the ad (TikTok, the generic DSP): owner, current deep link, status and
 * the changes made through the API. Guarded by its own lock, so concurrent swaps of one ad stay ordered.
 */
final class DspAd {

    final String ownerId;
    final String id;
    final String groupId;
    final long createdSeq;
    final Instant createdAt;
    private String deeplink;
    private String status;
    private Instant modifiedAt;
    private final List<DeeplinkChange> history = new ArrayList<>();

    DspAd(String ownerId, String id, String groupId, String deeplink, String status, long createdSeq, Instant at) {
        this.ownerId = ownerId;
        this.id = id;
        this.groupId = groupId;
        this.deeplink = deeplink;
        this.status = status;
        this.createdSeq = createdSeq;
        this.createdAt = at;
        this.modifiedAt = at;
    }

    synchronized void switchDeeplink(String value, Instant at) {
        deeplink = value;
        modifiedAt = at;
        history.add(new DeeplinkChange(value, at));
    }

    synchronized void status(String value, Instant at) {
        status = value;
        modifiedAt = at;
    }

    synchronized String deeplink() {
        return deeplink;
    }

    synchronized String status() {
        return status;
    }

    synchronized Instant modifiedAt() {
        return modifiedAt;
    }

    synchronized List<DeeplinkChange> history() {
        return List.copyOf(history);
    }

    /** What the partners take as a deep link: an absolute URI ({@code myapp://item/42}, {@code https://...}). */
    static boolean isDeeplink(String value) {
        if (value == null || value.isBlank() || !value.strip().equals(value)) {
            return false;
        }
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
