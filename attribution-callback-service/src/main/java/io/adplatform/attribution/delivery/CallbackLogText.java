package io.adplatform.attribution.delivery;

/** Keeps texts that travel on {@code callback-results} short. */
final class CallbackLogText {

    static final int MAX = 500;

    private CallbackLogText() {
    }

    static String shorten(String s) {
        return s == null || s.length() <= MAX ? s : s.substring(0, MAX - 1) + "…";
    }
}
