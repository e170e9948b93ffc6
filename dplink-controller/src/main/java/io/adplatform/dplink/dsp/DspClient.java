package io.adplatform.dplink.dsp;

/**
 * One DSP's Marketing API, as far as DP-link control needs it. Every call must be safe to repeat: a worker that died
 * between the call and recording its outcome makes the same call again.
 */
public interface DspClient {

    Dsp dsp();

    /**
     * Makes the ad serve {@code deepLink}. {@code swapKey} is unique per rotation step (ad + generation) and may be
     * used to name what the call creates. Answers a reference to keep with the swap (request id, creative id).
     */
    String setDeepLink(DspAd ad, String deepLink, String swapKey);

    /** Stops the ad's delivery. */
    String pause(DspAd ad);

    /** Restarts the ad's delivery. */
    String resume(DspAd ad);
}
