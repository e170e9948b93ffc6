package io.adplatform.common.event;

import java.time.Instant;

/**
 * One click as a DSP (or any tracking source) reported it, published to {@code tracking-clicks} keyed by link id.
 * Reports arrive late, sometimes minutes after the click, and sometimes twice: {@code clickId} is the source's own id
 * for the click and is what a consumer dedups on.
 *
 * @param clickId    the source's id of the click (a DSP's {@code __CALLBACK_PARAM__}/request id), unique per source
 * @param source     who reported it, e.g. {@code tiktok}, {@code meta}, {@code dsp-x}
 * @param adId       the ad the click was on, as our side knows it (the DP-link controller's ad id)
 * @param linkId     the deep link that served the click: the id the DP-link controller gave it
 * @param clickedAt  when the click happened, as the source says; {@code receivedAt} when the report reached us
 * @param ip         the clicking device's address, when the source passes it
 * @param userAgent  the clicking device's user agent, when the source passes it
 */
public record ClickReport(String clickId, String source, String adId, String linkId, Instant clickedAt,
                          Instant receivedAt, String ip, String userAgent) {

    /** The report's delay: how long after the click it reached us. */
    public java.time.Duration reportDelay() {
        return java.time.Duration.between(clickedAt, receivedAt);
    }
}
