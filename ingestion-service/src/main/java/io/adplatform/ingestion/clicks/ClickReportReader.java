package io.adplatform.ingestion.clicks;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.ingestion.geo.IpAddresses;
import io.adplatform.ingestion.web.FieldProblem;
import io.adplatform.ingestion.web.RequestRejected;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads click reports in the two forms DSPs send them: the query string of a click-monitor URL (one click, macros
 * filled in by the DSP) and a JSON batch. Both forms follow the same rules, and every problem is reported with its
 * field, so a DSP integration is fixed in one round. {@code receivedAt} is this reader's clock at the time of reading.
 *
 * <p>A value that is still a macro ({@code __CALLBACK_PARAM__}, {@code {gclid}}, {@code %%CLICK_ID%%} …) means the DSP
 * did not fill it in: refused in a required field (a click id shared by every unfilled click would make the consumer's
 * dedup swallow them), treated as absent in an optional one.
 */
public final class ClickReportReader {

    static final int MAX_CLICK_ID = 128;
    static final int MAX_AD_ID = 128;
    static final int MAX_LINK_ID = 64;
    static final int MAX_SOURCE = 32;
    static final int MAX_USER_AGENT = 512;
    /** A unix time at or above this is in milliseconds: as seconds it would be after the year 5000, as millis it is 1973. */
    static final long MILLIS_FROM = 100_000_000_000L;
    private static final int MAX_TIME_DIGITS = 15;

    /** The query parameters of {@code GET /v1/track/click}; any other parameter is ignored. */
    static final Set<String> QUERY_FIELDS = Set.of("src", "ad", "link", "cid", "ts", "ip", "ua");

    private final Clock clock;
    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final int maxBatch;
    private final int maxQueryLength;

    public ClickReportReader(Clock clock, Duration maxFutureSkew, Duration maxAge, int maxBatch, int maxQueryLength) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
        this.maxBatch = maxBatch;
        this.maxQueryLength = maxQueryLength;
    }

    /**
     * What a request reported: every click when all of them are valid, else none and the problems. All or nothing: a
     * batch with one bad click is refused whole, so a DSP never has to work out which part to send again.
     *
     * @param size how many clicks the request held
     */
    public record Result(List<ClickReport> clicks, List<FieldProblem> errors, int size) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private enum Chars {
        /** Our own ids (link, ad): letters, digits and {@code . _ : -}. */
        ID("letters, digits and . _ : -"),
        /** A DSP's click id: printable ASCII without spaces. */
        PRINTABLE("printable ASCII characters without spaces"),
        /** Who reported the click, lower-cased before the check. */
        SOURCE("a-z, 0-9, _ and -");

        final String description;

        Chars(String description) {
            this.description = description;
        }

        boolean allows(char c) {
            return switch (this) {
                case ID -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == ':' || c == '-';
                case PRINTABLE -> c > ' ' && c < 0x7F;
                case SOURCE -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            };
        }
    }

    // ---- GET /v1/track/click?src=&ad=&link=&cid=&ts=&ip=&ua=

    /**
     * One click from a click-monitor URL's raw (still percent-encoded) query string.
     *
     * @param clientIp         the caller's address, used when the URL has no {@code ip}
     * @param headerUserAgent  the caller's User-Agent header, used when the URL has no {@code ua}
     * @throws RequestRejected 414 when the query string is longer than allowed (checked before it is parsed)
     */
    public Result fromQuery(String rawQuery, String clientIp, String headerUserAgent) {
        String query = rawQuery == null ? "" : rawQuery;
        if (query.length() > maxQueryLength) {
            throw new RequestRejected(414, "query_too_long", "URI Too Long",
                    "the query string is longer than " + maxQueryLength + " characters", List.of(), null);
        }
        Instant receivedAt = clock.instant();
        List<FieldProblem> errors = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        Map<String, String> q = parameters(query, errors, broken);

        String source = required("src", q.get("src"), MAX_SOURCE, Chars.SOURCE, broken, errors);
        String adId = required("ad", q.get("ad"), MAX_AD_ID, Chars.ID, broken, errors);
        String linkId = required("link", q.get("link"), MAX_LINK_ID, Chars.ID, broken, errors);
        String clickId = required("cid", q.get("cid"), MAX_CLICK_ID, Chars.PRINTABLE, broken, errors);
        Instant clickedAt = receivedAt;
        String ts = optional(q.get("ts"));
        if (ts != null && !broken.contains("ts")) {
            Long unix = unixTime(ts);
            if (unix == null) {
                errors.add(FieldProblem.of("ts", "unix time in seconds or milliseconds, e.g. 1763719200 or 1763719200123"));
            } else {
                clickedAt = unix >= MILLIS_FROM ? Instant.ofEpochMilli(unix) : Instant.ofEpochSecond(unix);
                inWindow("ts", clickedAt, receivedAt, errors);
            }
        }
        String ip = broken.contains("ip") ? null : ip("ip", q.get("ip"), errors);
        String userAgent = broken.contains("ua") ? null : userAgent(q.get("ua"));

        if (!errors.isEmpty()) {
            return new Result(List.of(), List.copyOf(errors), 1);
        }
        ClickReport click = new ClickReport(clickId, source, adId, linkId, clickedAt, receivedAt,
                ip != null ? ip : clientIp, userAgent != null ? userAgent : userAgent(headerUserAgent));
        return new Result(List.of(click), List.of(), 1);
    }

    /** The known parameters, decoded. A repeated or undecodable one is reported and marked broken. */
    private static Map<String, String> parameters(String query, List<FieldProblem> errors, Set<String> broken) {
        Map<String, String> values = new HashMap<>();
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                String pair = query.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (name != null && QUERY_FIELDS.contains(name) && !broken.contains(name)) {
                    String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
                    if (value == null) {
                        broken.add(name);
                        errors.add(FieldProblem.of(name, "not valid percent-encoding"));
                    } else if (values.putIfAbsent(name, value) != null) {
                        broken.add(name);
                        errors.add(FieldProblem.of(name, "given more than once"));
                    }
                }
            }
            start = end + 1;
        }
        return values;
    }

    /** Form-style decoding ({@code +} is a space), as servlet containers decode query strings; null if malformed. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- POST /v1/track/clicks {"clicks":[{source, adId, linkId, clickId, clickedAt, ip?, userAgent?}, ...]}

    /**
     * The clicks of a JSON batch.
     *
     * @throws RequestRejected 400 when the body is not {@code {"clicks":[...]}} with at least one element, 413 when it
     *                         holds more than the allowed batch
     */
    public Result fromBatch(byte[] body) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw RequestRejected.badRequest("malformed_json", "the body is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw RequestRejected.badRequest("not_an_object", "the body must be a JSON object {\"clicks\":[...]}");
        }
        JsonNode batch = root.get("clicks");
        if (batch == null || !batch.isArray()) {
            throw RequestRejected.badRequest("invalid_batch", "'clicks' must be an array",
                    FieldProblem.of("clicks", "required: an array of click objects"));
        }
        if (batch.isEmpty()) {
            throw RequestRejected.badRequest("empty_batch", "'clicks' is empty",
                    FieldProblem.of("clicks", "must hold at least one click"));
        }
        if (batch.size() > maxBatch) {
            throw new RequestRejected(413, "too_many_clicks", "Content Too Large",
                    "at most " + maxBatch + " clicks per request; split the batch",
                    List.of(FieldProblem.of("clicks", "at most " + maxBatch + " clicks")), null);
        }
        Instant receivedAt = clock.instant();
        List<ClickReport> clicks = new ArrayList<>(batch.size());
        List<FieldProblem> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            List<FieldProblem> own = new ArrayList<>(0);
            ClickReport click = click(batch.get(i), "clicks[" + i + "]", receivedAt, own);
            if (own.isEmpty()) {
                clicks.add(click);
            } else {
                for (FieldProblem p : own) {
                    errors.add(p.at(i, null));
                }
            }
        }
        return errors.isEmpty() ? new Result(List.copyOf(clicks), List.of(), batch.size())
                : new Result(List.of(), List.copyOf(errors), batch.size());
    }

    private ClickReport click(JsonNode node, String path, Instant receivedAt, List<FieldProblem> errors) {
        if (node == null || !node.isObject()) {
            errors.add(FieldProblem.of(path, "must be a JSON object"));
            return null;
        }
        Set<String> broken = new HashSet<>();
        String prefix = path + '.';
        String source = required(prefix + "source", text(node, prefix, "source", broken, errors), MAX_SOURCE,
                Chars.SOURCE, broken, errors);
        String adId = required(prefix + "adId", text(node, prefix, "adId", broken, errors), MAX_AD_ID, Chars.ID,
                broken, errors);
        String linkId = required(prefix + "linkId", text(node, prefix, "linkId", broken, errors), MAX_LINK_ID,
                Chars.ID, broken, errors);
        String clickId = required(prefix + "clickId", text(node, prefix, "clickId", broken, errors), MAX_CLICK_ID,
                Chars.PRINTABLE, broken, errors);
        Instant clickedAt = clickedAt(node.get("clickedAt"), prefix + "clickedAt", receivedAt, errors);
        String ipText = text(node, prefix, "ip", broken, errors);
        String ip = broken.contains(prefix + "ip") ? null : ip(prefix + "ip", ipText, errors);
        String uaText = text(node, prefix, "userAgent", broken, errors);
        String userAgent = broken.contains(prefix + "userAgent") ? null : userAgent(uaText);
        return errors.isEmpty() ? new ClickReport(clickId, source, adId, linkId, clickedAt, receivedAt, ip, userAgent)
                : null;
    }

    /** A string member, null when absent or JSON null; any other JSON type is reported and marked broken. */
    private static String text(JsonNode node, String prefix, String name, Set<String> broken, List<FieldProblem> errors) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            broken.add(prefix + name);
            errors.add(FieldProblem.of(prefix + name, "must be a string"));
            return null;
        }
        return v.stringValue();
    }

    /** ISO-8601 with offset, or epoch milliseconds (a JSON integer, or a string of digits). Required. */
    private Instant clickedAt(JsonNode v, String path, Instant receivedAt, List<FieldProblem> errors) {
        String rule = "ISO-8601 with offset (e.g. 2026-11-20T10:15:30.123Z) or epoch milliseconds";
        Instant at = null;
        if (v == null || v.isNull()) {
            errors.add(FieldProblem.of(path, "required, " + rule));
            return null;
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            at = Instant.ofEpochMilli(v.longValue());
        } else if (v.isString()) {
            String s = v.stringValue();
            Long millis = unixTime(s);
            if (millis != null) {
                at = Instant.ofEpochMilli(millis);
            } else {
                try {
                    at = OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
        }
        if (at == null) {
            errors.add(FieldProblem.of(path, rule));
            return null;
        }
        inWindow(path, at, receivedAt, errors);
        return at;
    }

    // ---- rules shared by both forms

    private static String required(String field, String value, int max, Chars chars, Set<String> broken,
                                   List<FieldProblem> errors) {
        if (broken.contains(field)) {
            return null;
        }
        if (value == null || value.isEmpty()) {
            errors.add(FieldProblem.of(field, "required"));
            return null;
        }
        if (looksLikeMacro(value)) {
            errors.add(FieldProblem.of(field, "an unreplaced macro: the DSP did not fill in this value"));
            return null;
        }
        String v = chars == Chars.SOURCE ? value.toLowerCase(Locale.ROOT) : value;
        if (v.length() > max || !allOf(v, chars)) {
            errors.add(FieldProblem.of(field, "1-" + max + " characters: " + chars.description));
            return null;
        }
        return v;
    }

    /** Null for an absent, empty or unfilled optional value. */
    private static String optional(String value) {
        return value == null || value.isEmpty() || looksLikeMacro(value) ? null : value;
    }

    /** An IP literal in canonical text; null when absent; a problem when it is not an IP address (never resolved). */
    private static String ip(String field, String value, List<FieldProblem> errors) {
        String v = optional(value);
        if (v == null) {
            return null;
        }
        byte[] address = IpAddresses.parse(v);
        if (address == null) {
            errors.add(FieldProblem.of(field, "not an IP address"));
            return null;
        }
        return IpAddresses.format(address);
    }

    private static String userAgent(String value) {
        String v = optional(value);
        return v == null || v.length() <= MAX_USER_AGENT ? v : v.substring(0, MAX_USER_AGENT);
    }

    private void inWindow(String field, Instant at, Instant receivedAt, List<FieldProblem> errors) {
        if (at.isAfter(receivedAt.plus(maxFutureSkew))) {
            errors.add(FieldProblem.of(field, "more than " + describe(maxFutureSkew) + " in the future"));
        } else if (at.isBefore(receivedAt.minus(maxAge))) {
            errors.add(FieldProblem.of(field, "older than " + describe(maxAge)));
        }
    }

    /** Digits only, at most 15 of them (no sign: a click before 1970 is not a click); null otherwise. */
    private static Long unixTime(String s) {
        if (s.isEmpty() || s.length() > MAX_TIME_DIGITS) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code __AID__}, {@code {gclid}}, {@code {{ad.id}}}, {@code ${click_id}}, {@code %%CLICK_ID%%}, {@code [CLICK_ID]}. */
    static boolean looksLikeMacro(String v) {
        int n = v.length();
        return n > 2 && ((v.startsWith("__") && v.endsWith("__") && n > 4)
                || (v.charAt(0) == '{' && v.charAt(n - 1) == '}')
                || (v.startsWith("${") && v.charAt(n - 1) == '}')
                || (v.startsWith("%%") && v.endsWith("%%") && n > 4)
                || (v.charAt(0) == '[' && v.charAt(n - 1) == ']'));
    }

    private static boolean allOf(String s, Chars chars) {
        for (int i = 0; i < s.length(); i++) {
            if (!chars.allows(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** "7 days", "5 minutes", "90 seconds": for messages. */
    private static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + (s == 86_400 ? " day" : " days");
        } else if (s % 3_600 == 0) {
            return s / 3_600 + (s == 3_600 ? " hour" : " hours");
        } else if (s % 60 == 0) {
            return s / 60 + (s == 60 ? " minute" : " minutes");
        }
        return s + " seconds";
    }
}
