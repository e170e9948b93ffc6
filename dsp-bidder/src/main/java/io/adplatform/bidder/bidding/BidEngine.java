package io.adplatform.bidder.bidding;

import io.adplatform.bidder.campaign.Campaign;
import io.adplatform.bidder.campaign.CampaignCatalog;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.pricing.BidPricer;
import io.adplatform.bidder.pricing.ShadingBook;
import io.adplatform.bidder.pricing.WinRateShading;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bidding engine of seed 002 §03 after traffic filtering: for each impression, recall (conjunction index), flight
 * dates, frequency caps, a coarse rank by expected value, then for the best few: creative choice (fit,
 * {@code bcat}/{@code badv}, best pCTR), price (CPM, or CPC × pCTR; floor; first-price shading), then budget and pacing
 * — the first candidate by value that the budget admits wins the impression. Plain Java; every input that changes over time (catalog, model, counters, clock) is passed in.
 */
public final class BidEngine {

    /** Budget and pacing on the hot path: a local decision, no remote call. {@code u} is uniform in [0, 1). */
    public interface Budget {
        boolean admit(String campaignId, long priceMicros, double u);
    }

    /** Frequency caps of the request's user (counters read once per request). */
    public interface Caps {
        Caps NONE = (campaign, creativeId) -> true;

        /** {@code creativeId} null: the campaign-wide caps only. */
        boolean allows(Campaign campaign, String creativeId);
    }

    private final Ctr ctr;
    private final Budget budget;
    private final ShadingBook shading;
    private final String currency;
    private final Map<String, BigDecimal> fxToCurrency;
    private final String seat;
    private final int maxBudgetTries;
    private final int maxScored;
    private final ThreadLocal<int[]> recallBuffers = ThreadLocal.withInitial(() -> new int[1024]);

    /**
     * @param currency     the currency this bidder bids in (campaign prices are in it)
     * @param fxToCurrency how many units of {@code currency} one unit of another currency is worth, for floors
     * @param seat         our seat id at the exchanges ({@code wseat}/{@code bseat})
     * @param maxScored    campaigns per impression scored with the model after the coarse rank
     */
    public BidEngine(Ctr ctr, Budget budget, ShadingBook shading, String currency, Map<String, BigDecimal> fxToCurrency,
                     String seat, int maxBudgetTries, int maxScored) {
        this.ctr = ctr;
        this.budget = budget;
        this.shading = shading;
        this.currency = currency;
        this.fxToCurrency = Map.copyOf(fxToCurrency);
        this.seat = seat;
        this.maxBudgetTries = maxBudgetTries;
        this.maxScored = maxScored;
    }

    /** Whether to bid at all: our currency and seat are allowed. Cheap; checked before any lookup. */
    public boolean eligible(BidRequest request) {
        if (request.cur() != null && !request.cur().isEmpty() && !request.cur().contains(currency)) {
            return false;
        }
        if (request.wseat() != null && !request.wseat().isEmpty() && !request.wseat().contains(seat)) {
            return false;
        }
        return request.bseat() == null || !request.bseat().contains(seat);
    }

    public String currency() {
        return currency;
    }

    /** At most one bid per impression; empty = no bid. */
    public List<Decision> decide(BidRequest request, RequestProfile profile, Caps caps, CampaignCatalog catalog,
                                 long nowMillis) {
        List<Decision> decisions = new ArrayList<>(request.imp().size());
        Ctr.Scoring model = ctr.current();
        int hour = Instant.ofEpochMilli(nowMillis).atOffset(ZoneOffset.UTC).getHour();
        for (BidRequest.Imp imp : request.imp()) {
            if (imp.pmp() != null && Integer.valueOf(1).equals(imp.pmp().private_auction())) {
                continue; // we hold no deals: a private auction is not ours to bid in
            }
            Slot slot = Slot.of(imp);
            if (slot.values().isEmpty()) {
                continue;
            }
            long floor = floorMicros(imp);
            if (floor < 0) {
                continue; // a floor in a currency we cannot convert
            }
            int[] recalled = recallBuffer(catalog.recallable());
            int count = catalog.recall(profile.forImp(slot.values()), recalled);
            if (count == 0) {
                continue;
            }
            Ctr.Candidates scorer = model.forRequest(new Ctr.RequestInputs(profile.site(), imp.tagid(),
                    profile.country(), profile.os(), deviceType(request), connectionType(request), hour));
            Decision d = decideImp(request, profile, slot, floor, caps, catalog, recalled, count, model.version(),
                    scorer, nowMillis);
            if (d != null) {
                decisions.add(d);
            }
        }
        return decisions;
    }

    /**
     * Coarse rank first: the recalled campaigns that are live, uncapped and can clear the floor, by the value of an
     * impression at their prior CTR; only the best {@code maxScored} get the model's pCTR per creative, a price and a
     * shading choice. The best by value that the budget admits wins the impression.
     */
    private Decision decideImp(BidRequest request, RequestProfile profile, Slot slot, long floor, Caps caps,
                               CampaignCatalog catalog, int[] recalled, int count, long modelVersion,
                               Ctr.Candidates scorer, long nowMillis) {
        // the best maxScored by value, in a min-heap of (value << 21 | ordinal): value < 2^42 micros (a $4M CPM); read
        // from the catalog's flat arrays, the Campaign object only when a user's caps need it
        long[] heap = new long[Math.min(maxScored, count)];
        int size = 0;
        for (int i = 0; i < count; i++) {
            int ordinal = recalled[i];
            if (!catalog.live(ordinal, nowMillis) || catalog.cpmMicros(ordinal) < floor
                    || caps != Caps.NONE && !caps.allows(catalog.recalled(ordinal), null)) {
                continue;
            }
            long key = Math.min(catalog.expectedValueMicros(ordinal), (1L << 42) - 1) << 21 | ordinal;
            if (size < heap.length) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (heap.length > 0 && key > heap[0]) {
                heap[0] = key;
                siftDown(heap, size);
            }
        }
        if (size == 0) {
            return null;
        }
        Arrays.sort(heap, 0, size);
        String placement = placement(profile, slot.imp());
        WinRateShading shadingOfPlacement = shading.get(placement);
        List<Quoted> quoted = new ArrayList<>(size);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int[] features = new int[scorer.featureCount()]; // every creative's in turn; the winner's are worked out again
        for (int r = size - 1; r >= 0; r--) {
            Campaign c = catalog.recalled((int) (heap[r] & ((1 << 21) - 1)));
            List<Creative> creatives = c.config().creatives();
            Creative best = null;
            String bestSlot = null;
            double bestCtr = -1;
            for (int k = 0; k < creatives.size(); k++) {
                Creative cr = creatives.get(k);
                String crSlot = c.creativeSlots().get(k);
                if (!slot.fits(cr, crSlot) || blocked(request, cr) || !caps.allows(c, cr.id())) {
                    continue;
                }
                scorer.features(c.id(), cr.id(), crSlot, features);
                double p = scorer.predict(features, c.id(), c.config().ctrPrior());
                if (p > bestCtr) {
                    best = cr;
                    bestSlot = crSlot;
                    bestCtr = p;
                }
            }
            if (best == null) {
                continue;
            }
            BidPricer.Quote quote = BidPricer.quote(c.pricing(), bestCtr, floor, request.firstPrice(),
                    shadingOfPlacement, random);
            if (quote.bids()) {
                quoted.add(new Quoted(c, best, bestSlot, quote, bestCtr));
            }
        }
        quoted.sort((a, b) -> Long.compare(b.quote().valueMicros(), a.quote().valueMicros()));
        int tries = 0;
        for (Quoted q : quoted) {
            if (tries++ >= maxBudgetTries) {
                break;
            }
            if (budget.admit(q.campaign().id(), q.quote().priceMicros(), random.nextDouble())) {
                if (q.quote().shadingChoice() >= 0) {
                    shadingOfPlacement.bid(q.quote().shadingChoice());
                }
                int[] winning = new int[features.length];
                scorer.features(q.campaign().id(), q.creative().id(), q.creativeSlot(), winning);
                return new Decision(slot, q.campaign(), q.creative(), q.quote(), q.pctr(), winning, modelVersion,
                        placement);
            }
        }
        return null;
    }

    /** A scored campaign: its best creative (and the slot value it fills) and the quote for it. */
    private record Quoted(Campaign campaign, Creative creative, String creativeSlot, BidPricer.Quote quote,
                          double pctr) {
    }

    /** Per thread, room for every recallable campaign's ordinal. */
    private int[] recallBuffer(int size) {
        int[] buffer = recallBuffers.get();
        if (buffer.length < size) {
            buffer = new int[Math.max(size, buffer.length * 2)];
            recallBuffers.set(buffer);
        }
        return buffer;
    }

    private static void siftUp(long[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= heap[i]) {
                return;
            }
            long t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int smallest = i;
            if (l < size && heap[l] < heap[smallest]) {
                smallest = l;
            }
            if (l + 1 < size && heap[l + 1] < heap[smallest]) {
                smallest = l + 1;
            }
            if (smallest == i) {
                return;
            }
            long t = heap[smallest];
            heap[smallest] = heap[i];
            heap[i] = t;
            i = smallest;
        }
    }

    /** The floor in our currency's micros; 0 when none, −1 when its currency is unknown to us. */
    long floorMicros(BidRequest.Imp imp) {
        if (imp.bidfloor() == null || imp.bidfloor().signum() <= 0) {
            return 0;
        }
        String cur = imp.bidfloorcur() == null ? "USD" : imp.bidfloorcur();
        BigDecimal floor = imp.bidfloor();
        if (!cur.equals(currency)) {
            BigDecimal rate = fxToCurrency.get(cur);
            if (rate == null) {
                return -1;
            }
            floor = floor.multiply(rate);
        }
        return floor.movePointRight(6).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    private static boolean blocked(BidRequest request, Creative cr) {
        if (request.bcat() != null && cr.categories() != null) {
            for (String cat : cr.categories()) {
                if (request.bcat().contains(cat)) {
                    return true;
                }
            }
        }
        if (request.badv() != null && cr.adomain() != null) {
            for (String domain : cr.adomain()) {
                if (request.badv().contains(domain)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Shading learns per placement: the site or app and the ad slot's tag. */
    private static String placement(RequestProfile profile, BidRequest.Imp imp) {
        String site = profile.site() == null ? "-" : profile.site();
        return imp.tagid() == null ? site : site + '/' + imp.tagid();
    }

    private static int deviceType(BidRequest r) {
        return r.device() == null || r.device().devicetype() == null ? 0 : r.device().devicetype();
    }

    private static int connectionType(BidRequest r) {
        return r.device() == null || r.device().connectiontype() == null ? 0 : r.device().connectiontype();
    }
}
