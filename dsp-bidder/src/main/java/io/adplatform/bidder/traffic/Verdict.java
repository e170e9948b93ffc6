package io.adplatform.bidder.traffic;

/** What the traffic filter decided about a bid request: {@link #PASS}, or why the bidder does no further work on it. */
public enum Verdict {
    PASS,
    BLOCKED_IP,
    BLOCKED_APP,
    BLOCKED_DOMAIN,
    /** No, too short, too long or malformed {@code device.ua}. */
    INVALID_USER_AGENT,
    /** A crawler, headless browser, monitoring probe or HTTP library rather than a person's device. */
    BOT,
    /** The device IP is in a hosting / data-centre range: servers do not look at ads. */
    DATA_CENTRE,
    /** The device sent more requests this second than a person's device plausibly does. */
    FLOOD
}
