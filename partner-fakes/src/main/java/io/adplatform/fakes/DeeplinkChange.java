package io.adplatform.fakes;

import java.time.Instant;

/** A deep link an ad was switched to through a partner's API, and when (by the fakes' clock). */
public record DeeplinkChange(String deeplink, Instant at) {
}
