package io.adplatform.admin.creatives;

import io.adplatform.admin.adaccounts.Media;

/** The lengths each media takes for an ad's texts (code points), checked when a copy is used in a batch. */
public final class CopyLimits {

    /** Meta: primary text (message), headline (name), description. */
    public static final int META_PRIMARY = 2200;
    public static final int META_HEADLINE = 255;
    public static final int META_DESCRIPTION = 255;
    /** TikTok: ad_text is the only text of an ad, 1..100 characters. */
    public static final int TIKTOK_AD_TEXT = 100;

    private CopyLimits() {
    }

    /** Why the copy cannot be used on that media, or null when it can. */
    public static String problem(Media media, Library.AdCopy copy) {
        int primary = length(copy.primaryText());
        if (media == Media.TIKTOK) {
            return primary > TIKTOK_AD_TEXT ? "primaryText is " + primary + " characters: TikTok's ad_text takes at most "
                    + TIKTOK_AD_TEXT : null;
        }
        if (primary > META_PRIMARY) {
            return "primaryText is longer than Meta's " + META_PRIMARY + " characters";
        }
        if (length(copy.headline()) > META_HEADLINE) {
            return "headline is longer than Meta's " + META_HEADLINE + " characters";
        }
        if (length(copy.description()) > META_DESCRIPTION) {
            return "description is longer than Meta's " + META_DESCRIPTION + " characters";
        }
        return null;
    }

    static int length(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }
}
