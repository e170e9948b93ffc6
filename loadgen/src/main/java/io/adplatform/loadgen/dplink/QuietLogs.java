package io.adplatform.loadgen.dplink;

import org.slf4j.LoggerFactory;

/** Raises the root log level to WARN when logback is the binding (the Kafka clients log their whole config at INFO). */
final class QuietLogs {

    private QuietLogs() {
    }

    static void apply() {
        Object root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try {
            Class<?> level = Class.forName("ch.qos.logback.classic.Level");
            root.getClass().getMethod("setLevel", level).invoke(root, level.getField("WARN").get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another binding: leave it as it is
        }
    }
}
