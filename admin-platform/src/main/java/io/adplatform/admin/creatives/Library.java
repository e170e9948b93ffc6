package io.adplatform.admin.creatives;

import io.adplatform.admin.adaccounts.Media;
import java.time.Instant;

/** The things of a product's creative library, as stored and shown. */
public final class Library {

    private Library() {
    }

    public record Template(long id, String appId, Media media, String name, TemplateSettings settings,
                           Instant createdAt) {
    }

    public record Audience(long id, String appId, String name, AudienceSpec spec, Instant createdAt) {
    }

    public record AdCopy(long id, String appId, String name, String primaryText, String headline, String description,
                         Instant createdAt) {
    }

    /**
     * An uploaded image or video.
     *
     * @param contentType read from the bytes, never from the file name
     * @param width       null for videos (not read)
     * @param storageKey  where {@link CreativeStorage} keeps it ({@code <appId>/<sha256>.<ext>})
     */
    public record Asset(long id, String appId, String name, String kind, String contentType, long sizeBytes,
                        Integer width, Integer height, String sha256, String storageKey, Instant createdAt) {
    }
}
