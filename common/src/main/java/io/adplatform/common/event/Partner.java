package io.adplatform.common.event;

/** Partners we report conversions to server-side. */
public enum Partner {
    APPSFLYER,
    META,
    TIKTOK
}
