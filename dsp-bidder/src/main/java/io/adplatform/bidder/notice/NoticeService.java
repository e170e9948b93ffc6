package io.adplatform.bidder.notice;

import io.adplatform.common.event.BidEvent;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The exchange's and the browser's notices about a bid — win, billing, loss, impression, click — joined with the bid's
 * context from the {@link BidCache}. A forged bid id is refused (400) without a lookup, an expired or unknown one
 * answered 410; each kind of notice takes effect once per bid however often it is called (a Redis claim, released if
 * its event cannot be published so that the exchange's retry succeeds). Effects: every notice becomes a
 * {@code bid-events} record; a win is charged to the campaign's budget; an impression counts towards frequency caps;
 * a click redirects to the landing page or deep link.
 */
public final class NoticeService {

    public enum Kind {
        WIN(BidEvent.Type.WIN), BILLING(BidEvent.Type.BILLING), LOSS(BidEvent.Type.LOSS),
        IMPRESSION(BidEvent.Type.IMPRESSION), CLICK(BidEvent.Type.CLICK);

        final BidEvent.Type event;

        Kind(BidEvent.Type event) {
            this.event = event;
        }
    }

    /** The answer to a notice: status, and for a click the redirect; {@code field}/{@code detail} for a refusal. */
    public record Result(int status, String location, String field, String detail) {
        static Result ok() {
            return new Result(204, null, null, null);
        }

        static Result refused(int status, String field, String detail) {
            return new Result(status, null, field, detail);
        }
    }

    /** Charges a win to its campaign's budget; idempotent per notice id. */
    public interface Spend {
        CompletionStage<?> recordWin(String noticeId, String campaignId, String instanceId, long priceMicros,
                                     Instant at);
    }

    /** Counts an impression towards the user's frequency caps. */
    public interface Impressions {
        CompletionStage<?> record(String userKey, String campaignId, String creativeId, Instant at);
    }

    /** Lets the bidder's own first-price shading learn from a win it hears of. */
    public interface Wins {
        void won(String placement, int shadingChoice);
    }

    private final BidIds ids;
    private final BidCache cache;
    private final BidEvents events;
    private final RedisAsyncCommands<String, String> redis;
    private final String claimPrefix;
    private final Spend spend;
    private final Impressions impressions;
    private final Wins wins;
    private final Clock clock;

    public NoticeService(BidIds ids, BidCache cache, BidEvents events, RedisAsyncCommands<String, String> redis,
                         String keyPrefix, Spend spend, Impressions impressions, Wins wins, Clock clock) {
        this.ids = ids;
        this.cache = cache;
        this.events = events;
        this.redis = redis;
        this.claimPrefix = keyPrefix + "n:";
        this.spend = spend;
        this.impressions = impressions;
        this.wins = wins;
        this.clock = clock;
    }

    /**
     * @param price  WIN/BILLING: the clearing price the exchange put in {@code ${AUCTION_PRICE}} (CPM, currency units)
     * @param reason LOSS: the {@code ${AUCTION_LOSS}} code
     */
    public CompletionStage<Result> handle(Kind kind, String bidId, String price, String reason) {
        switch (ids.check(bidId)) {
            case FORGED:
                return done(Result.refused(400, "b", "is not a bid id this bidder issued"));
            case EXPIRED:
                return done(Result.refused(410, "b", "the bid has expired"));
            default:
                break;
        }
        long priceMicros = 0;
        if (kind == Kind.WIN || kind == Kind.BILLING) {
            priceMicros = micros(price);
            if (priceMicros < 0) {
                return done(Result.refused(400, "p", "must be the clearing price, a non-negative decimal CPM"
                        + " (was the ${AUCTION_PRICE} macro left unreplaced?)"));
            }
        }
        Integer lossReason = null;
        if (kind == Kind.LOSS && reason != null && !reason.isBlank() && !reason.startsWith("${")) {
            try {
                lossReason = Integer.valueOf(reason.strip());
            } catch (NumberFormatException e) {
                return done(Result.refused(400, "r", "must be the ${AUCTION_LOSS} code, an integer"));
            }
        }
        long chargedMicros = priceMicros;
        Integer loss = lossReason;
        return cache.get(bidId).thenCompose(context -> {
            if (context == null) {
                return done(Result.refused(410, "b", "the bid is unknown or has expired"));
            }
            Result answer = kind == Kind.CLICK ? new Result(302, context.clickUrl(), null, null) : Result.ok();
            String claim = claimPrefix + kind.name() + ':' + bidId;
            return redis.set(claim, "1", SetArgs.Builder.nx().ex(ids.ttl().toSeconds())).thenCompose(claimed -> {
                if (!"OK".equals(claimed)) {
                    return done(answer); // called before: no second effect
                }
                Instant at = clock.instant();
                return events.notice(context, kind.event, chargedMicros, loss, at)
                        .thenCompose(x -> effect(kind, context, chargedMicros, at))
                        .thenApply(x -> answer)
                        .exceptionallyCompose(e -> redis.del(claim).thenApply(
                                n -> Result.refused(503, null, "could not record the notice; retry")));
            });
        });
    }

    private CompletionStage<?> effect(Kind kind, BidContext c, long priceMicros, Instant at) {
        return switch (kind) {
            case WIN -> {
                wins.won(c.placement(), c.shadingChoice());
                yield spend.recordWin(c.bidId() + ":WIN", c.campaignId(), c.instanceId(), priceMicros, at);
            }
            case IMPRESSION -> c.userKey() == null ? done(null)
                    : impressions.record(c.userKey(), c.campaignId(), c.creativeId(), at);
            default -> done(null);
        };
    }

    /** Clearing price in micros; −1 when missing or not a price. */
    static long micros(String price) {
        if (price == null || price.isBlank()) {
            return -1;
        }
        try {
            BigDecimal p = new BigDecimal(price.strip());
            return p.signum() < 0 ? -1 : p.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
