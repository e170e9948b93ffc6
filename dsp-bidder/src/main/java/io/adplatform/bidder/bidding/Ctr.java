package io.adplatform.bidder.bidding;

/** The click-through-rate model as the bid path sees it: one model version per request, features, a prediction. */
public interface Ctr {

    /** The model to score one request's candidates with. */
    Scoring current();

    interface Scoring {

        long version();

        int[] features(FeatureInputs inputs);

        /** pCTR of the features, leaning on {@code prior} for a campaign the model has not learnt yet. */
        double predict(int[] features, String campaignId, double prior);
    }

    /** What a prediction looks at; {@code format} is the slot ({@code BANNER_320x50}, {@code VIDEO}, {@code NATIVE}). */
    record FeatureInputs(String campaignId, String creativeId, String site, String placement, String country,
                         String os, int deviceType, int connectionType, int hourOfDay, String format) {
    }
}
