package io.adplatform.offline.reports;

import java.time.Duration;

/** The media throttles the account; {@code regainAccessIn} is the wait it announced, or null. */
public class MediaThrottledException extends RuntimeException {

    private final transient Duration regainAccessIn;

    public MediaThrottledException(String message, Duration regainAccessIn) {
        super(message);
        this.regainAccessIn = regainAccessIn;
    }

    public Duration regainAccessIn() {
        return regainAccessIn;
    }
}
