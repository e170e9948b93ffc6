package io.adplatform.systemtests;

import io.adplatform.common.event.EventIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/** SDK event bodies as an Android app would send them. */
final class Events {

    final String appsflyerId;
    final String gaid;
    final String androidId;

    private Events(String appsflyerId, String gaid, String androidId) {
        this.appsflyerId = appsflyerId;
        this.gaid = gaid;
        this.androidId = androidId;
    }

    /** A new Android device with its three identifiers. */
    static Events newDevice() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String appsflyerId = String.format("%013d-%019d", r.nextLong(1_000_000_000_000L, 9_999_999_999_999L),
                r.nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
        return new Events(appsflyerId, java.util.UUID.randomUUID().toString(), Long.toHexString(r.nextLong()));
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String id() {
        return EventIds.newId();
    }

    private String device() {
        return """
                {"appsflyerId":"%s","gaid":"%s","androidId":"%s"}""".formatted(appsflyerId, gaid, androidId);
    }

    String activation(String eventId, String occurredAt, String mediaSource, String campaign) {
        return """
                {"eventId":"%s","type":"activation","platform":"android","device":%s,"occurredAt":"%s","appVersion":"3.2.1",
                 "attribution":{"mediaSource":"%s","campaign":"%s","adSet":"de-18-34","ad":"video-1","clickId":"E.C.P.abc"}}"""
                .formatted(eventId, device(), occurredAt, mediaSource, campaign);
    }

    String login(String eventId, String occurredAt, String customerUserId) {
        return """
                {"eventId":"%s","type":"login","platform":"android","device":%s,"occurredAt":"%s","customerUserId":"%s"}"""
                .formatted(eventId, device(), occurredAt, customerUserId);
    }

    String payment(String eventId, String occurredAt, String customerUserId, String amount, String currency, String email,
                   String phone) {
        return """
                {"eventId":"%s","type":"payment","platform":"android","device":%s,"occurredAt":"%s","customerUserId":"%s",
                 "revenue":{"amount":"%s","currency":"%s"},"email":"%s","phone":"%s","properties":{"sku":"gems_100"}}"""
                .formatted(eventId, device(), occurredAt, customerUserId, amount, currency, email, phone);
    }

    static String batch(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }
}
