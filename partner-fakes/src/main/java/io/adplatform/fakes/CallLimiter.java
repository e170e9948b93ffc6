package io.adplatform.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per owner (a Meta ad account, a TikTok advertiser): at most {@code calls} calls per fixed window, the window starting
 * with the first call after the previous one ended. Refused calls do not count. Owners without a rule are unlimited.
 * Time comes from the caller (the fake's clock), so tests can move it instead of sleeping.
 */
final class CallLimiter {

    /**
     * The verdict on one call.
     *
     * @param limit      0 when the owner has no rule
     * @param retryAfter how long until the window ends (zero when allowed or unlimited)
     */
    record Admission(boolean allowed, int used, int limit, Duration retryAfter) {

        /** Usage of the window in percent, as Meta's usage headers report it (1 when unlimited). */
        int percent() {
            if (limit == 0) {
                return 1;
            }
            return (int) Math.min(100, (used * 100L + limit - 1) / limit);
        }
    }

    private record Rule(int calls, Duration window) {
    }

    private static final class Window {
        Instant start;
        int used;
    }

    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    void limit(String owner, int calls, Duration window) {
        if (calls < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("calls >= 1 and a positive window are required");
        }
        rules.put(owner, new Rule(calls, window));
        windows.remove(owner);
    }

    void clear() {
        rules.clear();
        windows.clear();
    }

    /** The owner's window as it stands, without counting a call: not allowed when the next call would be refused. */
    Admission peek(String owner, Instant now) {
        Rule rule = rules.get(owner);
        if (rule == null) {
            return new Admission(true, 0, 0, Duration.ZERO);
        }
        Window w = windows.get(owner);
        if (w == null) {
            return new Admission(true, 0, rule.calls(), Duration.ZERO);
        }
        synchronized (w) {
            if (w.start == null || !now.isBefore(w.start.plus(rule.window()))) {
                return new Admission(true, 0, rule.calls(), Duration.ZERO);
            }
            boolean full = w.used >= rule.calls();
            return new Admission(!full, w.used, rule.calls(),
                    full ? Duration.between(now, w.start.plus(rule.window())) : Duration.ZERO);
        }
    }

    /** Counts the call if the owner's window has room; otherwise refuses it. */
    Admission admit(String owner, Instant now) {
        Rule rule = rules.get(owner);
        if (rule == null) {
            return new Admission(true, 0, 0, Duration.ZERO);
        }
        Window w = windows.computeIfAbsent(owner, k -> new Window());
        synchronized (w) {
            if (w.start == null || !now.isBefore(w.start.plus(rule.window()))) {
                w.start = now;
                w.used = 0;
            }
            if (w.used >= rule.calls()) {
                return new Admission(false, w.used, rule.calls(), Duration.between(now, w.start.plus(rule.window())));
            }
            w.used++;
            return new Admission(true, w.used, rule.calls(), Duration.ZERO);
        }
    }
}
