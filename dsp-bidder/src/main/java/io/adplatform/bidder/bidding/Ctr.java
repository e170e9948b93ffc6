package io.adplatform.bidder.bidding;

/**
 * The click-through-rate model as the bid path sees it: one model version per request; what the request contributes to
 * the features is worked out once, then each candidate ad adds its own.
 */
public interface Ctr {

    /** The model to score one request's candidates with. */
    Scoring current();

    interface Scoring {

        long version();

        Candidates forRequest(RequestInputs request);
    }

    /** Scores candidates of one request; used by one thread. */
    interface Candidates {

        /** How many features {@link #features} writes. */
        int featureCount();

        /**
         * Writes the hashed features of the request with this candidate ({@code format}: {@code BANNER_320x50}, ...)
         * into {@code out[0..featureCount())}: the engine scores every creative in one scratch array and keeps a copy
         * for the creative it bids with only.
         */
        void features(String campaignId, String creativeId, String format, int[] out);

        /** pCTR of the features, leaning on {@code prior} for a campaign the model has not learnt yet. */
        double predict(int[] features, String campaignId, double prior);
    }

    /** What the request contributes: placement and device, and the user's local hour. */
    record RequestInputs(String site, String placement, String country, String os, int deviceType,
                         int connectionType, int hourOfDay) {
    }
}
