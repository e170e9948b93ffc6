package io.adplatform.dplink.pool;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a deep link must look like before it goes into a pool: an absolute URI of at most 2,048 characters, no spaces or
 * control characters; either an app scheme ({@code myapp://path?...}) or an https/http universal link with a host; never
 * a scheme that runs code or reads local data. An ad may narrow the schemes to its own list.
 */
public final class DeepLinks {

    public static final int MAX_LENGTH = 2048;
    public static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,31}");
    private static final Set<String> FORBIDDEN = Set.of("javascript", "vbscript", "data", "file", "about", "blob",
            "content", "filesystem", "jar", "intent");
    private static final Set<String> WEB = Set.of("http", "https");

    private DeepLinks() {
    }

    /** Null when the link is acceptable for an ad allowing {@code allowedSchemes} (empty: any safe scheme). */
    public static String problem(String url, List<String> allowedSchemes) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return "contains a space or control character at position " + i;
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URI: " + e.getReason();
        }
        if (uri.getScheme() == null) {
            return "has no scheme (expected e.g. myapp://path or https://host/path)";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (FORBIDDEN.contains(scheme)) {
            return "uses the forbidden scheme '" + scheme + "'";
        }
        if (!SCHEME.matcher(scheme).matches()) {
            return "has an invalid scheme '" + scheme + "'";
        }
        if (!allowedSchemes.isEmpty() && !allowedSchemes.contains(scheme)) {
            return "uses the scheme '" + scheme + "'; this ad allows " + allowedSchemes;
        }
        if (WEB.contains(scheme) && (uri.getHost() == null || uri.getHost().isEmpty())) {
            return "is a web link without a host";
        }
        String rest = uri.getRawSchemeSpecificPart();
        if (rest == null || rest.isEmpty() || rest.equals("//")) {
            return "has nothing after its scheme";
        }
        return null;
    }

    /** Null when {@code scheme} may be listed as an ad's allowed scheme. */
    public static String schemeProblem(String scheme) {
        if (scheme == null || !SCHEME.matcher(scheme).matches()) {
            return "must be a lowercase URI scheme like 'myapp' or 'https'";
        }
        return FORBIDDEN.contains(scheme) ? "'" + scheme + "' is not allowed for deep links" : null;
    }
}
