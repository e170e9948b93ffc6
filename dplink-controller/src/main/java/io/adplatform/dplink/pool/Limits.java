package io.adplatform.dplink.pool;

/**
 * When a serving link must be replaced. A link is usable while its count is below its effective cap: the cap less
 * the late-click reserve (clicks already made on it but not reported yet), never less than half the cap. A serving
 * round ends at the count the link went live with plus the round size, or at the effective cap if that comes first.
 */
public final class Limits {

    private Limits() {
    }

    public static long effectiveCap(int cap, int reserve) {
        return Math.max(cap - (long) reserve, (cap + 1) / 2);
    }

    public static long roundEnd(long wentLiveCount, int roundSize, int cap, int reserve) {
        return Math.min(wentLiveCount + roundSize, effectiveCap(cap, reserve));
    }

    public static boolean usable(long count, int cap, int reserve) {
        return count < effectiveCap(cap, reserve);
    }

    /** Why a round ended: the cap (less reserve) was reached, or just the round's end. */
    public static Trigger trigger(long count, long wentLiveCount, int roundSize, int cap, int reserve) {
        if (count >= effectiveCap(cap, reserve)) {
            return Trigger.CAP;
        }
        return count >= wentLiveCount + roundSize ? Trigger.ROUND_END : null;
    }

    public enum Trigger {
        ROUND_END,
        CAP
    }
}
