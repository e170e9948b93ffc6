package io.adplatform.ingestion.apps;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signing scheme of {@code POST /v1/events}, usable as is by SDKs, load generators and tests.
 *
 * <pre>
 *   X-App-Id:    the app's id
 *   X-Timestamp: unix seconds when the request was signed
 *   X-Signature: v1=hex(HMAC-SHA256(key = UTF-8 bytes of the app's secret,
 *                                    message = UTF-8(timestamp) + "." + raw body bytes))
 * </pre>
 *
 * The body is signed byte for byte as sent: the server verifies the bytes it received, before parsing them.
 */
public final class RequestSigner {

    public static final String APP_ID_HEADER = "X-App-Id";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Signature";
    public static final String VERSION_PREFIX = "v1=";

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private RequestSigner() {
    }

    /** The value for {@value #SIGNATURE_HEADER}: {@code v1=<64 lower-case hex digits>}. */
    public static String signatureHeader(String secret, long unixSeconds, byte[] body) {
        return VERSION_PREFIX + HEX.formatHex(hmac(secret, unixSeconds, body));
    }

    /** The raw HMAC-SHA256 over {@code timestamp + "." + body}. */
    public static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        Mac mac = newMac(secret);
        mac.update(Long.toString(unixSeconds).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        return mac.doFinal();
    }

    /**
     * True when {@code header} is a well-formed {@code v1=} signature of the body under {@code secret}; compared in
     * constant time so the answer's timing tells nothing about how many leading bytes matched.
     */
    public static boolean verify(String secret, long unixSeconds, byte[] body, String header) {
        byte[] presented = parse(header);
        return presented != null && MessageDigest.isEqual(hmac(secret, unixSeconds, body), presented);
    }

    /** The 32 signature bytes of a {@code v1=} header, or null when the header is malformed. */
    static byte[] parse(String header) {
        if (header == null) {
            return null;
        }
        String v = header.trim();
        if (!v.regionMatches(true, 0, VERSION_PREFIX, 0, VERSION_PREFIX.length())) {
            return null;
        }
        String hex = v.substring(VERSION_PREFIX.length()).toLowerCase(Locale.ROOT);
        if (hex.length() != 64) {
            return null;
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Mac newMac(String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
