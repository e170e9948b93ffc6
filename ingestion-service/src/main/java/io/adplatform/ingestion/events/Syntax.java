package io.adplatform.ingestion.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Hand-written checks for the per-event hot path. Regular expressions and {@code DateTimeFormatter} were a fifth of the
 * service's CPU at 20k events/s; these loops give the same answers (checked against them in {@code SyntaxTest}).
 */
final class Syntax {

    private Syntax() {
    }

    /** {@code 8-4-4-4-12} hex digits, either case (what {@code EventIds.isValid} accepts). */
    static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** Letters, digits and {@code _ . : -} (plus space when {@code spaceAllowed}), non-empty. */
    static boolean isToken(String s, boolean spaceAllowed) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '-' || (spaceAllowed && c == ' ');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code digits-digits} with the given lengths (AppsFlyer ids). */
    static boolean isDigitsDashDigits(String s, int before, int after) {
        if (s == null || s.length() != before + 1 + after || s.charAt(before) != '-') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i != before && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * ISO-8601 date-time with offset, as {@code OffsetDateTime.parse} reads it. The common shape
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} is parsed by hand; anything else goes to the JDK parser.
     *
     * @throws DateTimeParseException when it is not one
     */
    static Instant parseOffsetDateTime(String s) {
        int n = s.length();
        if (n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int i = 19;
            int nanos = 0;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                int len = i - start;
                if (len < 1 || len > 9) {
                    return slow(s);
                }
                nanos = digits(s, start, i);
                for (int k = len; k < 9; k++) {
                    nanos *= 10;
                }
            }
            int offsetSeconds;
            if (i == n - 1 && s.charAt(i) == 'Z') {
                offsetSeconds = 0;
            } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, i + 3);
                int om = digits(s, i + 4, i + 6);
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return slow(s);
                }
                offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                return slow(s);
            }
            if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nanos < 0) {
                return slow(s);
            }
            try {
                return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                        .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
            } catch (DateTimeException e) {
                return slow(s); // e.g. February 30th: let the JDK parser produce its exception
            }
        }
        return slow(s);
    }

    private static Instant slow(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }

    /** The decimal value of s[from, to), or -1 if any char is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
