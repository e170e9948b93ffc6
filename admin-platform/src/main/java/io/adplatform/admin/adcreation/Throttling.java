package io.adplatform.admin.adcreation;

import java.time.Duration;
import java.util.Set;

/**
 * When the media say "slow down", and for how long. Meta: error codes 4, 17, 32, 613, 80000–80014, and the usage
 * header — at or above the threshold the account rests before its next call, for the announced
 * {@code estimated_time_to_regain_access} (minutes at Meta; {@code regainAccessUnit} lets tests shorten it) or at
 * least {@code minWait}. TikTok: code 40100, no wait announced, a fixed rest.
 */
public record Throttling(Duration regainAccessUnit, Duration minWait, int usageThreshold) {

    static final Set<Integer> META_CODES = Set.of(4, 17, 32, 613);
    public static final int TIKTOK_RATE_LIMITED = 40100;

    public static boolean metaThrottled(int code) {
        return META_CODES.contains(code) || (code >= 80000 && code <= 80014);
    }

    /** How long the account rests after an answer: zero when it may go on. */
    public Duration metaRest(MetaUsage usage, boolean throttled) {
        Duration announced = regainAccessUnit.multipliedBy(Math.max(0, usage.regainAccessUnits()));
        if (throttled || usage.percent() >= usageThreshold || usage.regainAccessUnits() > 0) {
            return announced.compareTo(minWait) > 0 ? announced : minWait;
        }
        return Duration.ZERO;
    }
}
