package io.adplatform.dplink.dsp;

/** The DSPs whose Marketing API can swap an ad's deep link. */
public enum Dsp {
    /** TikTok Marketing API: {@code ad/update/} changes the deeplink in place. */
    TIKTOK,
    /** Meta Marketing API: a creative cannot change, so a new creative is made and the ad re-pointed to it. */
    META,
    /** Any DSP with a JSON API, by configuration ({@link GenericHttpDspClient}). */
    GENERIC
}
