package io.adplatform.offline.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A product as the upstream catalog describes it.
 *
 * @param platform  {@code IOS} or {@code ANDROID}
 * @param status    {@code ACTIVE} or {@code ARCHIVED}, upstream's word
 * @param updatedAt when upstream last changed it (may be null)
 */
public record Product(String appId, String name, String platform, String bundleId, String storeUrl, String iconUrl,
                      String category, String status, Instant updatedAt) {

    /** SHA-256 over every field: a stored product whose hash matches is unchanged and is not rewritten. */
    public String contentHash() {
        String text = String.join("\u0000", appId, name, platform, bundleId, nz(storeUrl), nz(iconUrl), nz(category),
                status, updatedAt == null ? "" : updatedAt.toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
