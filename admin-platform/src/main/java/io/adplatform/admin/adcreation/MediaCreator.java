package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.AccountCredentials;
import io.adplatform.admin.adaccounts.Media;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One media's way of creating a batch's objects in an ad account. */
interface MediaCreator {

    Media media();

    /** The next objects to send for the account (all of its objects given, plan order); empty when none is due. */
    List<AdObject> nextChunk(List<AdObject> accountObjects, int maxOps, Instant now);

    /**
     * Sends them. {@code ids}: item key → media id of every object of the account already created (parents).
     * Never throws for a media answer; a call without any answer throws {@link MediaHttp.Failure}.
     */
    Sent send(AccountCredentials account, BatchSpec spec, List<AdObject> chunk, Map<String, AdObject> byKey,
              Map<String, String> ids);

    /**
     * The objects of this batch the account already holds: item key → media id, found by name marker.
     *
     * @throws Throttled when the lookup itself is throttled
     */
    Map<String, String> existing(AccountCredentials account, long batchId, List<ObjectKind> kinds);

    /** Sets a created object's delivery status. */
    void setStatus(AccountCredentials account, ObjectKind kind, String mediaId, boolean active);

    /** The status word the media use for a created object. */
    String statusWord(boolean active);

    enum Result {
        /** Exists with the media id given. */
        CREATED,
        /** Not executed (its dependency in the same request failed): send again later. */
        NOT_RUN,
        /** Refused by throttling, not executed. */
        THROTTLED,
        /** May or may not exist: look it up by marker before sending again. */
        UNKNOWN,
        /** Refused for good. */
        FAILED
    }

    record Outcome(long objectId, Result result, String mediaId, String message) {
    }

    /** @param rest how long the account should rest before its next call (zero: none) */
    record Sent(List<Outcome> outcomes, Duration rest) {
    }

    /** The media refused a call for throttling. */
    final class Throttled extends RuntimeException {
        final Duration rest;

        Throttled(String message, Duration rest) {
            super(message);
            this.rest = rest;
        }
    }

    /** A call the media refused for another reason than throttling (status update, lookup). */
    final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
