package io.adplatform.fakes;

/**
 * Credentials the standalone fakes register when none are given: for the local demo only, never real secrets. The
 * same values are documented in docs/services/partner-fakes.md so demo partner settings can use them.
 */
public final class DemoCredentials {

    public static final String APPSFLYER_IOS_APP = "id1234567890";
    public static final String APPSFLYER_ANDROID_APP = "com.example.demo";
    public static final String APPSFLYER_KEY = "demo-appsflyer-s2s-key";
    public static final String META_DATASET = "1234567890123456";
    public static final String META_TOKEN = "demo-meta-access-token";
    public static final String TIKTOK_EVENT_SOURCE = "DEMOTIKTOKAPP01";
    public static final String TIKTOK_TOKEN = "demo-tiktok-access-token";

    static final String APPSFLYER = APPSFLYER_IOS_APP + '=' + APPSFLYER_KEY + ',' + APPSFLYER_ANDROID_APP + '='
            + APPSFLYER_KEY;
    static final String META = META_DATASET + '=' + META_TOKEN;
    static final String TIKTOK = TIKTOK_EVENT_SOURCE + '=' + TIKTOK_TOKEN;

    private DemoCredentials() {
    }
}
