package io.adplatform.dplink.ads;

/** Where an ad's rotation stands, as the DSP was last told. */
public enum AdStatus {
    /** Created, never started: the controller has not touched the ad at the DSP yet. */
    DRAFT,
    /** A link is serving and rounds rotate. */
    ACTIVE,
    /** Paused by an operator; the DSP ad is paused. */
    PAUSED,
    /** No usable link was left: the DSP ad is paused and an alert is raised. */
    EXHAUSTED
}
