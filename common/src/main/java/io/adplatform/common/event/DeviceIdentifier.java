package io.adplatform.common.event;

/** One normalised device identifier, e.g. {@code (GAID, "38400000-8cf0-11bd-b23e-10b96e40000d")}. */
public record DeviceIdentifier(Kind kind, String value) {

    public enum Kind {
        IDFA, IDFV, GAID, OAID, ANDROID_ID, APPSFLYER_ID
    }

    /** Compact, stable text form used as a key: {@code gaid:38400000-...}. */
    public String asKey() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ':' + value;
    }
}
