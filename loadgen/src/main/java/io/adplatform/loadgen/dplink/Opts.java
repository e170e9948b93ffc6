package io.adplatform.loadgen.dplink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --name value} or {@code --name=value} options with defaults; an option nobody asked for is an error. */
final class Opts {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> read = new TreeSet<>();

    Opts(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
        }
    }

    String text(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        read.add(name);
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
    }

    long longValue(String name, long fallback) {
        read.add(name);
        return values.containsKey(name) ? Long.parseLong(values.get(name).replace("_", "")) : fallback;
    }

    double decimal(String name, double fallback) {
        read.add(name);
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    List<String> list(String name, String fallback) {
        String v = text(name, fallback);
        return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
    }

    /** Fails on options that no {@code text/integer/...} call asked for: a typo must not silently use a default. */
    void checkAllRead() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + unknown + "; known: " + read);
        }
    }
}
