package io.adplatform.bidder.frequency;

import io.adplatform.common.dsp.CampaignConfig.CapScope;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One user's impression counts as read from Redis: per campaign and per creative, a count per (window length, window
 * bucket). Parsed once per request from the user's hash; lookups allocate nothing. Immutable.
 *
 * <p>Hash fields are {@code c:<windowSeconds>:<bucket>:<campaignId>} and {@code r:<windowSeconds>:<bucket>:<creativeId>}
 * (creative ids are taken to be unique across campaigns), where bucket = epoch second / window length.
 */
public final class UserCounters {

    /** A user never seen (or whose counts expired). */
    public static final UserCounters EMPTY = new UserCounters(Map.of(), Map.of());

    /** Per id: triples of (window seconds, bucket, count). */
    private final Map<String, long[]> campaigns;
    private final Map<String, long[]> creatives;

    private UserCounters(Map<String, long[]> campaigns, Map<String, long[]> creatives) {
        this.campaigns = campaigns;
        this.creatives = creatives;
    }

    /** Reads a user's hash; fields it does not recognise are skipped. */
    public static UserCounters parse(Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return EMPTY;
        }
        Map<String, long[]> campaigns = new HashMap<>();
        Map<String, long[]> creatives = new HashMap<>();
        hash.forEach((field, value) -> {
            if (field.length() < 7 || field.charAt(1) != ':' || (field.charAt(0) != 'c' && field.charAt(0) != 'r')) {
                return;
            }
            int second = field.indexOf(':', 2);
            int third = second < 0 ? -1 : field.indexOf(':', second + 1);
            if (third < 0) {
                return;
            }
            try {
                long window = Long.parseLong(field, 2, second, 10);
                long bucket = Long.parseLong(field, second + 1, third, 10);
                long count = Long.parseLong(value);
                String id = field.substring(third + 1);
                (field.charAt(0) == 'c' ? campaigns : creatives).merge(id, new long[] {window, bucket, count},
                        UserCounters::concat);
            } catch (NumberFormatException e) {
                // not one of ours
            }
        });
        return new UserCounters(campaigns, creatives);
    }

    /** The count of impressions of the campaign or creative in one window bucket (0 if none). */
    public long count(CapScope scope, String id, long windowSeconds, long bucket) {
        long[] triples = (scope == CapScope.CAMPAIGN ? campaigns : creatives).get(id);
        if (triples == null) {
            return 0;
        }
        for (int i = 0; i < triples.length; i += 3) {
            if (triples[i] == windowSeconds && triples[i + 1] == bucket) {
                return triples[i + 2];
            }
        }
        return 0;
    }

    public boolean isEmpty() {
        return campaigns.isEmpty() && creatives.isEmpty();
    }

    /** The hash field counting impressions of {@code id} in window bucket {@code bucket}. */
    static String field(CapScope scope, String id, long windowSeconds, long bucket) {
        return (scope == CapScope.CAMPAIGN ? "c:" : "r:") + windowSeconds + ":" + bucket + ":" + id;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
