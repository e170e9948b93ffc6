package io.adplatform.bidder.bidding;

import io.adplatform.bidder.campaign.CampaignCatalog;
import io.adplatform.bidder.notice.BidCache;
import io.adplatform.bidder.notice.BidContext;
import io.adplatform.bidder.notice.BidEvents;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.adplatform.bidder.openrtb.BidResponseWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One bid request from bytes to answer: read and validate, traffic filtering first, then geo, the user's segments and
 * frequency counters (one asynchronous Redis round trip), the engine, and the response — whose bids are cached for
 * their notices and published as BID events. A request that is no longer worth answering (its deadline passed while
 * waiting) gets no bid. Plain Java: the server calls it, tests call it directly.
 */
public final class BidFlow {

    /** Traffic filtering: null to pass, else the reason to drop the request. */
    public interface TrafficCheck {
        String drop(BidRequest request, String remoteAddress, long nowMillis);
    }

    /** Geo of the request from the device's IP, when the request carries none. */
    public interface GeoResolver {
        RequestProfile.Geo resolve(BidRequest request, String remoteAddress);
    }

    /** The user's segments and frequency counters. */
    public interface Users {
        CompletionStage<User> read(String userKey);
    }

    public record User(Set<String> segments, BidEngine.Caps caps) {
        public static final User UNKNOWN = new User(Set.of(), BidEngine.Caps.NONE);
    }

    /** The answer: 200 with a bid response, or 204 no-bid with the reason (for metrics). */
    public record Outcome(int status, byte[] body, String reason, int bids) {
        static Outcome noBid(String reason) {
            return new Outcome(204, null, reason, 0);
        }
    }

    private final BidRequestReader reader;
    private final TrafficCheck traffic;
    private final GeoResolver geo;
    private final Users users;
    private final Supplier<CampaignCatalog> catalog;
    private final BidEngine engine;
    private final ResponseBuilder responses;
    private final BidCache cache;
    private final BidEvents events;
    private final Clock clock;

    public BidFlow(BidRequestReader reader, TrafficCheck traffic, GeoResolver geo, Users users,
                   Supplier<CampaignCatalog> catalog, BidEngine engine, ResponseBuilder responses, BidCache cache,
                   BidEvents events, Clock clock) {
        this.reader = reader;
        this.traffic = traffic;
        this.geo = geo;
        this.users = users;
        this.catalog = catalog;
        this.engine = engine;
        this.responses = responses;
        this.cache = cache;
        this.events = events;
        this.clock = clock;
    }

    /** Reads the request; throws {@link io.adplatform.bidder.openrtb.InvalidBidRequest} for a 4xx. */
    public BidRequest read(byte[] body, String contentEncoding, String openRtbVersion) {
        return reader.read(body, contentEncoding, openRtbVersion);
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} after which an answer is useless to the exchange
     * @param continueOn    where bidding continues once the user's data has arrived (the connection's event loop)
     */
    public CompletionStage<Outcome> bid(BidRequest request, String remoteAddress, String exchange,
                                        long deadlineNanos, Executor continueOn) {
        long now = clock.millis();
        String dropped = traffic.drop(request, remoteAddress, now);
        if (dropped != null) {
            return done(Outcome.noBid(dropped));
        }
        if (!engine.eligible(request)) {
            return done(Outcome.noBid("seat-or-currency"));
        }
        CampaignCatalog campaigns = catalog.get();
        if (campaigns.size() == 0) {
            return done(Outcome.noBid("no-campaigns"));
        }
        RequestProfile.Geo g = geo.resolve(request, remoteAddress);
        String userKey = userKey(request);
        CompletionStage<User> user = userKey == null ? done(User.UNKNOWN) : users.read(userKey);
        java.util.function.Function<User, Outcome> decide = u -> {
            if (System.nanoTime() >= deadlineNanos) {
                return Outcome.noBid("deadline");
            }
            long at = clock.millis();
            RequestProfile profile = RequestProfile.of(request, g, u.segments(), campaigns.timezones(),
                    Instant.ofEpochMilli(at));
            List<Decision> decisions = engine.decide(request, profile, u.caps(), campaigns, at);
            if (decisions.isEmpty()) {
                return Outcome.noBid("no-match");
            }
            ResponseBuilder.Built built = responses.build(request, profile, decisions, exchange, userKey,
                    engine.currency(), at);
            byte[] body = BidResponseWriter.write(built.response());
            Instant bidAt = Instant.ofEpochMilli(at);
            for (BidContext c : built.contexts()) {
                cache.put(c);
                events.bid(c, bidAt);
            }
            return new Outcome(200, body, null, built.contexts().size());
        };
        return user.toCompletableFuture().isDone() ? user.thenApply(decide) : user.thenApplyAsync(decide, continueOn);
    }

    /** Users are keyed by {@code user.id}, else {@code user.buyeruid}, else the device's advertising id. */
    public static String userKey(BidRequest r) {
        if (r.user() != null) {
            if (r.user().id() != null && !r.user().id().isBlank()) {
                return r.user().id();
            }
            if (r.user().buyeruid() != null && !r.user().buyeruid().isBlank()) {
                return r.user().buyeruid();
            }
        }
        if (r.device() != null && r.device().ifa() != null && !r.device().ifa().isBlank()
                && !r.device().ifa().startsWith("00000000-0000")) {
            return r.device().ifa();
        }
        return null;
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
