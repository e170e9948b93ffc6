package io.adplatform.admin.dsp;

import io.adplatform.common.dsp.CampaignConfig;
import java.time.Instant;

/**
 * A DSP campaign of a product as this service keeps it: the bidder's record ({@link #config()}) plus what only the
 * platform knows — its product, whether it is archived, and how far Kafka has acknowledged it. Every change makes a new
 * value with {@code version + 1}; the version is what the bidders compare, so a late or repeated record never undoes a
 * newer one.
 *
 * @param publishedVersion the highest version the bidders' topic has acknowledged (0: none yet)
 */
public record DspCampaign(String id, String appId, State status, long version, CampaignConfig config,
                          Instant createdAt, Instant updatedAt, long publishedVersion) {

    public enum State { ACTIVE, PAUSED, ARCHIVED }

    /** A change the campaign's state does not allow (an archived campaign, a resume after its flight). */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A new campaign: version 1, paused unless the draft asks for active. */
    static DspCampaign create(String id, String appId, CampaignConfig config, Instant now) {
        return new DspCampaign(id, appId, State.valueOf(config.status().name()), 1, config, now, now, 0);
    }

    /** The config a draft would give this campaign: next version, the draft's status or the current one. */
    CampaignConfig.Status statusAfter(CampaignDraft draft) {
        if (draft.status() != null) {
            return draft.status();
        }
        return status == State.ACTIVE ? CampaignConfig.Status.ACTIVE : CampaignConfig.Status.PAUSED;
    }

    DspCampaign revise(CampaignConfig next, Instant now) {
        refuseIfArchived("changed");
        return new DspCampaign(id, appId, State.valueOf(next.status().name()), version + 1, next, createdAt, now,
                publishedVersion);
    }

    /** Already paused: unchanged (the same value), nothing to publish. */
    DspCampaign pause(Instant now) {
        refuseIfArchived("paused");
        if (status == State.PAUSED) {
            return this;
        }
        return withStatus(CampaignConfig.Status.PAUSED, now);
    }

    /** Already active: unchanged. Refused once the flight is over: the bidder would hold an active campaign that can never bid. */
    DspCampaign resume(Instant now) {
        refuseIfArchived("resumed");
        if (config.endAt() != null && !config.endAt().isAfter(now)) {
            throw new Refused("campaign " + id + " ended at " + config.endAt() + "; set a later endAt first");
        }
        if (status == State.ACTIVE) {
            return this;
        }
        return withStatus(CampaignConfig.Status.ACTIVE, now);
    }

    /** Archived: the bidders drop it (a tombstone); it stays here, read-only, for the record. */
    DspCampaign archive(Instant now) {
        refuseIfArchived("archived again");
        CampaignConfig paused = copy(config, CampaignConfig.Status.PAUSED, version + 1);
        return new DspCampaign(id, appId, State.ARCHIVED, version + 1, paused, createdAt, now, publishedVersion);
    }

    /** What goes to {@code config.campaigns} for this version: the config, or null (a tombstone) once archived. */
    CampaignConfig published() {
        return status == State.ARCHIVED ? null : config;
    }

    private DspCampaign withStatus(CampaignConfig.Status s, Instant now) {
        return new DspCampaign(id, appId, State.valueOf(s.name()), version + 1, copy(config, s, version + 1),
                createdAt, now, publishedVersion);
    }

    private void refuseIfArchived(String what) {
        if (status == State.ARCHIVED) {
            throw new Refused("campaign " + id + " is archived and cannot be " + what);
        }
    }

    static CampaignConfig copy(CampaignConfig c, CampaignConfig.Status status, long version) {
        return new CampaignConfig(c.id(), c.advertiser(), c.name(), status, version, c.pricing(), c.priceMicros(),
                c.currency(), c.budget(), c.startAt(), c.endAt(), c.targeting(), c.frequencyCaps(), c.ctrPrior(),
                c.creatives());
    }
}
