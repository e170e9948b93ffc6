package io.adplatform.offline.reports;

import java.util.Locale;
import java.util.Optional;

/** The media whose reports are pulled; {@link #key()} is how they appear in paths, tables and ClickHouse. */
public enum Media {
    META, TIKTOK;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Media> of(String key) {
        for (Media m : values()) {
            if (m.key().equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
