package io.adplatform.bidder.pctr;

import io.adplatform.bidder.bidding.Ctr;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bid path's {@link Ctr} backed by the current published model: one model version per request, the request's part
 * of the features hashed once per impression, and what each creative contributes hashed once and kept (by creative
 * id, checked against its campaign and format; bounded).
 */
public final class ModelCtr implements Ctr {

    private static final int MAX_CACHED = 1_000_000;

    private final CtrModelHolder models;
    private final ConcurrentHashMap<String, CtrFeatures.CandidatePart> candidates = new ConcurrentHashMap<>();

    public ModelCtr(CtrModelHolder models) {
        this.models = models;
    }

    @Override
    public Scoring current() {
        CtrModel model = models.current();
        return new Scoring() {
            @Override
            public long version() {
                return model.version();
            }

            @Override
            public Candidates forRequest(RequestInputs in) {
                CtrFeatures.RequestPart request = CtrFeatures.request(in.site(), in.placement(), in.country(), in.os(),
                        in.deviceType(), in.connectionType(), in.hourOfDay());
                return new Candidates() {
                    @Override
                    public int featureCount() {
                        return CtrFeatures.COUNT;
                    }

                    @Override
                    public void features(String campaignId, String creativeId, String format, int[] out) {
                        request.hash(model.bits(), candidate(campaignId, creativeId, format), out);
                    }

                    @Override
                    public double predict(int[] features, String campaignId, double prior) {
                        return model.predict(features, campaignId, prior);
                    }
                };
            }
        };
    }

    private CtrFeatures.CandidatePart candidate(String campaignId, String creativeId, String format) {
        CtrFeatures.CandidatePart part = candidates.get(creativeId);
        if (part == null || !part.campaignId().equals(campaignId) || !part.formatName().equals(format)) {
            part = CtrFeatures.candidate(campaignId, creativeId, format);
            if (candidates.size() < MAX_CACHED) {
                candidates.put(creativeId, part);
            }
        }
        return part;
    }
}
