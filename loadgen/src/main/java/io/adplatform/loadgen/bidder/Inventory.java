package io.adplatform.loadgen.bidder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The supply the benchmark's campaigns target and its requests come from: app bundles and site domains (each with
 * fixed IAB categories), IAB categories, audience segments and banner sizes. Fixed lists derived from indexes, so both
 * generators agree without sharing a random stream.
 */
final class Inventory {

    static final int APPS = 600;
    static final int SITES = 300;
    static final int SEGMENTS = 50;
    static final List<String> BANNER_SIZES = List.of("320x50", "300x250", "728x90", "320x480");
    /** IAB content categories (tier 1 and a few tier 2), as in {@code cat}/{@code bcat}. */
    static final List<String> CATEGORIES = List.of("IAB1", "IAB1-6", "IAB2", "IAB3", "IAB3-1", "IAB4", "IAB5", "IAB6",
            "IAB7", "IAB7-1", "IAB8", "IAB9", "IAB9-30", "IAB10", "IAB11", "IAB12", "IAB13", "IAB14", "IAB15",
            "IAB16", "IAB17", "IAB18", "IAB19", "IAB20", "IAB21", "IAB22", "IAB23", "IAB24", "IAB25", "IAB26");
    /** Categories brand-safety lists block; requests rarely carry them. */
    static final List<String> SENSITIVE = List.of("IAB7-1", "IAB11", "IAB23", "IAB25", "IAB26");

    private static final String[] WORDS = {"puzzle", "runner", "news", "chess", "weather", "fit", "photo", "music",
            "cook", "travel", "bank", "shop", "match", "racing", "words", "sudoku", "farm", "city", "tower", "quiz"};

    private Inventory() {
    }

    /** App {@code i}'s bundle: Android package names for two thirds, numeric App Store ids for the rest. */
    static String bundle(int i) {
        if (i % 3 == 2) {
            return Long.toString(1_000_000_000L + i * 7_919L);
        }
        return "com." + WORDS[i % WORDS.length] + "studio" + (i / WORDS.length) + "." + WORDS[(i * 7) % WORDS.length];
    }

    static boolean iosApp(int i) {
        return i % 3 == 2;
    }

    static String domain(int i) {
        return WORDS[i % WORDS.length] + (i / WORDS.length) + ".example.com";
    }

    /** An app's or site's categories: one or two, derived from its index (salt keeps apps and sites apart). */
    static List<String> categoriesOf(int i, int salt) {
        int first = Math.floorMod(i * 31 + salt, CATEGORIES.size());
        List<String> out = new ArrayList<>(2);
        out.add(CATEGORIES.get(first));
        if ((i + salt) % 4 == 0) {
            out.add(CATEGORIES.get((first + 7) % CATEGORIES.size()));
        }
        return out;
    }

    static String segment(int i) {
        return "s" + i;
    }

    /** Popular apps and sites get most traffic: a Zipf-like draw over {@code n} items. */
    static int popular(SplittableRandom random, int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) (n * u * u * u));
    }
}
