package io.adplatform.common.pii;

import io.adplatform.common.event.HashedUserData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalisation and SHA-256 hashing of personal data, by the rules the partners apply before matching:
 * <ul>
 *   <li>e-mail: trim, lower-case (Meta {@code em}, TikTok {@code email}, AppsFlyer {@code email_hashed});</li>
 *   <li>phone: digits only, with country code, no leading zeros or {@code +} (Meta {@code ph}, AppsFlyer);
 *       TikTok wants E.164, i.e. the same digits behind a {@code +};</li>
 *   <li>external id: trim, lower-case (Meta {@code external_id}, TikTok {@code external_id});</li>
 *   <li>a value that already is a SHA-256 hex digest is passed through lower-cased, never hashed twice.</li>
 * </ul>
 * Output is lower-case hex.
 */
public final class PiiHashing {

    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private PiiHashing() {
    }

    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public static boolean isSha256Hex(String value) {
        return value != null && SHA256_HEX.matcher(value).matches();
    }

    /** Trimmed, lower-cased e-mail, or null when it is not an e-mail address. */
    public static String normaliseEmail(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.trim().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(v).matches() ? v : null;
    }

    /** Digits with country code and no leading zeros, e.g. {@code "+1 (213) 373-4253"} → {@code "12133734253"}. */
    public static String normalisePhone(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        return digits.length() < 7 || digits.length() > 15 ? null : digits;
    }

    public static String hashEmail(String raw) {
        if (isSha256Hex(raw)) {
            return raw.toLowerCase(Locale.ROOT);
        }
        String v = normaliseEmail(raw);
        return v == null ? null : sha256Hex(v);
    }

    public static String hashPhone(String raw) {
        String v = normalisePhone(raw);
        return v == null ? null : sha256Hex(v);
    }

    public static String hashPhoneE164(String raw) {
        String v = normalisePhone(raw);
        return v == null ? null : sha256Hex('+' + v);
    }

    public static String hashExternalId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (isSha256Hex(raw)) {
            return raw.toLowerCase(Locale.ROOT);
        }
        return sha256Hex(raw.trim().toLowerCase(Locale.ROOT));
    }

    /** Hashes what an SDK sent in the clear; the raw values are dropped by the caller. */
    public static HashedUserData hash(String email, String phone) {
        if (email == null && phone == null) {
            return null;
        }
        return new HashedUserData(hashEmail(email), hashPhone(phone), hashPhoneE164(phone));
    }
}
