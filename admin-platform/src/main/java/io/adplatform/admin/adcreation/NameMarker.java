package io.adplatform.admin.adcreation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marker every object a batch creates carries at the end of its name, {@code [adp:<batchId>:<itemKey>]}: the
 * media keep names, so the object can be found again after an answer was lost (timeout, crash, a transient error
 * after the work was done) and adopted instead of created a second time.
 */
public final class NameMarker {

    /** Room left for the human part: Graph and TikTok both take far longer names than this plus the marker. */
    static final int MAX_LABEL = 200;
    private static final Pattern MARKER = Pattern.compile("\\[adp:(\\d+):([A-Za-z0-9._-]+)]\\s*$");

    private NameMarker() {
    }

    public static String of(long batchId, String key) {
        return "[adp:" + batchId + ":" + key + "]";
    }

    /** What the names of one batch's objects contain: the lookup filter. */
    public static String batchPrefix(long batchId) {
        return "[adp:" + batchId + ":";
    }

    /** The name an object is created with: the label (cut to {@value #MAX_LABEL} characters), then the marker. */
    public static String name(String label, long batchId, String key) {
        String l = label == null ? "" : label.strip();
        if (l.length() > MAX_LABEL) {
            l = l.substring(0, MAX_LABEL).strip();
        }
        return (l.isEmpty() ? "" : l + " ") + of(batchId, key);
    }

    /** The item key of a name marked for this batch; empty for any other name. */
    public static Optional<String> keyOf(String name, long batchId) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(name);
        if (!m.find() || !m.group(1).equals(Long.toString(batchId))) {
            return Optional.empty();
        }
        return Optional.of(m.group(2));
    }
}
