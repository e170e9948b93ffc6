package io.adplatform.fakes;

import java.util.List;

/**
 * One create call a Marketing fake is about to apply, as {@code failNextCreate} predicates see it (after the call
 * passed validation).
 *
 * @param ownerId the Meta ad account ({@code act_…}) or the TikTok advertiser
 * @param kind    Meta {@code campaign}, {@code adset}, {@code adcreative}, {@code ad}; TikTok {@code campaign},
 *                {@code adgroup}, {@code ad}
 * @param names   the names of the objects it creates (one; TikTok {@code ad/create/} one per creative); a missing
 *                name is an empty string
 */
public record CreateCall(String ownerId, String kind, List<String> names) {

    public CreateCall {
        names = List.copyOf(names);
    }

    /** Whether one of the names contains {@code part}. */
    public boolean nameContains(String part) {
        return names.stream().anyMatch(n -> n.contains(part));
    }
}
