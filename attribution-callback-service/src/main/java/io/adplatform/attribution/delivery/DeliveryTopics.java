package io.adplatform.attribution.delivery;

import java.time.Duration;
import java.util.List;

/**
 * The service's own topics. Retries wait on delay tiers: a task goes to the shortest tier whose span covers its delay,
 * so tasks queued together on one tier come due at about the same time and a long wait never blocks short ones.
 */
public final class DeliveryTopics {

    /** Callbacks that will not be sent, with the reason; key event id. */
    public static final String DEAD_LETTER = "attribution-dead-letter";

    /** A retry tier: tasks with a delay up to {@code span}. */
    public record Tier(String topic, Duration span) {
    }

    public static final List<Tier> TIERS = List.of(
            new Tier("attribution-retry-1s", Duration.ofSeconds(1)),
            new Tier("attribution-retry-10s", Duration.ofSeconds(10)),
            new Tier("attribution-retry-1m", Duration.ofMinutes(1)),
            new Tier("attribution-retry-10m", Duration.ofMinutes(10)));

    private DeliveryTopics() {
    }

    public static Tier tierFor(Duration delay) {
        for (Tier t : TIERS) {
            if (delay.compareTo(t.span()) <= 0) {
                return t;
            }
        }
        return TIERS.get(TIERS.size() - 1);
    }

    public static List<String> retryTopics() {
        return TIERS.stream().map(Tier::topic).toList();
    }
}
