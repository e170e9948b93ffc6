package io.adplatform.bidder.targeting;

import java.util.Set;

/**
 * One term of a conjunction: attribute ∈ values ({@code include}) or attribute ∉ values. Attributes and values are
 * plain strings ({@code country} = {@code USA}, {@code os} = {@code android}, {@code size} = {@code 300x250},
 * {@code hour} = {@code 37} for hour-of-week day-parting).
 */
public record Assignment(String attribute, boolean include, Set<String> values) {

    public Assignment {
        if (attribute == null || attribute.isBlank()) {
            throw new IllegalArgumentException("attribute is required");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("values of " + attribute + " must not be empty");
        }
        values = Set.copyOf(values);
    }

    public static Assignment in(String attribute, String... values) {
        return new Assignment(attribute, true, Set.of(values));
    }

    public static Assignment notIn(String attribute, String... values) {
        return new Assignment(attribute, false, Set.of(values));
    }
}
