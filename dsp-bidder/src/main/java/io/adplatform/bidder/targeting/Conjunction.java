package io.adplatform.bidder.targeting;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conjunction of assignments: true for a request when every ∈ assignment has one of its values among the request's
 * values of that attribute, and no ∉ assignment does. An attribute appears at most once. Its size K is its number of
 * ∈ assignments. A campaign's targeting is a disjunction of these (DNF), each tagged with the campaign.
 */
public record Conjunction(List<Assignment> assignments) {

    public Conjunction {
        assignments = List.copyOf(assignments);
        Set<String> seen = new HashSet<>();
        for (Assignment a : assignments) {
            if (!seen.add(a.attribute())) {
                throw new IllegalArgumentException("attribute " + a.attribute() + " appears twice in a conjunction");
            }
        }
    }

    public static Conjunction of(Assignment... assignments) {
        return new Conjunction(List.of(assignments));
    }

    public int size() {
        return (int) assignments.stream().filter(Assignment::include).count();
    }

    /** The definition, for tests and for checking the index: evaluates the conjunction directly. */
    public boolean matches(Map<String, Set<String>> request) {
        for (Assignment a : assignments) {
            Set<String> values = request.getOrDefault(a.attribute(), Set.of());
            boolean hit = values.stream().anyMatch(a.values()::contains);
            if (hit != a.include()) {
                return false;
            }
        }
        return true;
    }
}
