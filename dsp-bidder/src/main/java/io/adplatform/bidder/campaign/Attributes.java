package io.adplatform.bidder.campaign;

import io.adplatform.common.dsp.CampaignConfig;
import java.util.Locale;

/** The targeting attributes a request is described by, and how their values are normalised on both sides. */
public final class Attributes {

    public static final String COUNTRY = "country";
    public static final String REGION = "region";
    public static final String CITY = "city";
    public static final String DEVICE_TYPE = "devicetype";
    public static final String OS = "os";
    public static final String BUNDLE = "bundle";
    public static final String DOMAIN = "domain";
    public static final String CATEGORY = "cat";
    public static final String SEGMENT = "seg";
    /**
     * The same values as {@link #CATEGORY} and {@link #SEGMENT}, for the ∉ side: a conjunction names an attribute once,
     * and these are multi-valued, so "one of A and none of B" needs two names.
     */
    public static final String CATEGORY_EXCLUDED = "xcat";
    public static final String SEGMENT_EXCLUDED = "xseg";
    public static final String HOUR_OF_WEEK = "how";
    public static final String INVENTORY = "inv";
    /** What an impression can take: {@code BANNER_300x250}, {@code VIDEO}, {@code NATIVE}. */
    public static final String SLOT = "slot";

    public static final String APP = "app";
    public static final String SITE = "site";

    private Attributes() {
    }

    public static String slot(CampaignConfig.Format format, int w, int h) {
        return format == CampaignConfig.Format.BANNER ? bannerSlot(w, h) : format.name();
    }

    public static String bannerSlot(int w, int h) {
        return "BANNER_" + w + 'x' + h;
    }

    /** Regions are {@code COUNTRY-REGION} so that two countries' "CA" differ. */
    public static String region(String country, String region) {
        return upper(country) + '-' + upper(region);
    }

    static String zone(String timezone) {
        return timezone == null || timezone.isBlank() ? "UTC" : timezone;
    }

    static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }

    static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
