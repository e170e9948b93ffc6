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
    /** Marketing APIs: the same partner tokens manage the demo ad account / advertiser. */
    public static final String META_AD_ACCOUNT = "act_1000000000000001";
    public static final String META_PAGE = "100000000000001";
    public static final String META_AD = "120210000000000001";
    public static final String TIKTOK_ADVERTISER = "7000000000000000001";
    public static final String TIKTOK_AD = "1800000000000000001";
    public static final String GENERIC_DSP_ACCOUNT = "demo-account";
    public static final String GENERIC_DSP_TOKEN = "demo-generic-dsp-token";
    public static final String GENERIC_DSP_AD = "demo-ad-1";
    /** The bearer token of the local product catalog (offline-tasks' adplatform.catalog.token default). */
    public static final String PRODUCT_CATALOG_TOKEN = "demo-product-catalog-token";
    /** The deep link each demo ad starts with. */
    public static final String DEMO_DEEPLINK = "demoapp://home";

    static final String APPSFLYER = APPSFLYER_IOS_APP + '=' + APPSFLYER_KEY + ',' + APPSFLYER_ANDROID_APP + '='
            + APPSFLYER_KEY;
    static final String META = META_DATASET + '=' + META_TOKEN;
    static final String TIKTOK = TIKTOK_EVENT_SOURCE + '=' + TIKTOK_TOKEN;
    static final String META_AD_ACCOUNTS = META_AD_ACCOUNT + '=' + META_TOKEN;
    static final String TIKTOK_ADVERTISERS = TIKTOK_ADVERTISER + '=' + TIKTOK_TOKEN;
    static final String GENERIC_DSP_ACCOUNTS = GENERIC_DSP_ACCOUNT + '=' + GENERIC_DSP_TOKEN;

    private DemoCredentials() {
    }
}
