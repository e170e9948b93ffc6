package io.adplatform.bidder.targeting;

import static io.adplatform.bidder.targeting.Assignment.in;
import static io.adplatform.bidder.targeting.Assignment.notIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConjunctionIndexTest {

    @Test
    void theExamplesOfThePaperStyle() {
        ConjunctionIndex<String> index = ConjunctionIndex.<String>builder()
                .add("us-android", List.of(Conjunction.of(in("country", "USA"), in("os", "android"))))
                .add("not-cn", List.of(Conjunction.of(notIn("country", "CHN"))))
                .add("banner-or-video-de", List.of(
                        Conjunction.of(in("country", "DEU"), in("size", "300x250")),
                        Conjunction.of(in("country", "DEU"), in("format", "video"))))
                .add("sports-fans-no-kids-apps", List.of(
                        Conjunction.of(in("segment", "sports"), notIn("cat", "IAB7-1", "IAB9-7"))))
                .build();

        assertThat(index.match(Map.of("country", Set.of("USA"), "os", Set.of("android"))))
                .containsExactlyInAnyOrder("us-android", "not-cn");
        assertThat(index.match(Map.of("country", Set.of("CHN"), "os", Set.of("android")))).isEmpty();
        assertThat(index.match(Map.of("country", Set.of("DEU"), "format", Set.of("video"))))
                .containsExactlyInAnyOrder("banner-or-video-de", "not-cn");
        assertThat(index.match(Map.of("segment", Set.of("sports", "news"), "cat", Set.of("IAB17"))))
                .containsExactlyInAnyOrder("sports-fans-no-kids-apps", "not-cn");
        assertThat(index.match(Map.of("segment", Set.of("sports"), "cat", Set.of("IAB9-7"))))
                .containsExactly("not-cn");
        assertThat(index.match(Map.of())).containsExactly("not-cn");
    }

    @Test
    void twoRequestValuesInOneAssignmentDoNotCountTwice() {
        ConjunctionIndex<String> index = ConjunctionIndex.<String>builder()
                .add("c", List.of(Conjunction.of(in("segment", "a", "b"), in("country", "USA"))))
                .build();

        assertThat(index.match(Map.of("segment", Set.of("a", "b"), "country", Set.of("DEU")))).isEmpty();
        assertThat(index.match(Map.of("segment", Set.of("a", "b"), "country", Set.of("USA")))).containsExactly("c");
    }

    /** Thousands of random conjunctions and requests: the index answers exactly what evaluating each one answers. */
    @Test
    void agreesWithEvaluatingEveryConjunction() {
        Random random = new Random(20261121);
        Map<String, List<String>> domain = Map.of(
                "country", values("c", 12), "os", values("os", 3), "devicetype", values("d", 4),
                "size", values("s", 6), "segment", values("seg", 10), "cat", values("iab", 8), "hour", values("h", 24));
        List<String> attributes = new ArrayList<>(domain.keySet());
        ConjunctionIndex.Builder<Integer> builder = ConjunctionIndex.builder();
        List<List<Conjunction>> campaigns = new ArrayList<>();
        for (int campaign = 0; campaign < 2000; campaign++) {
            List<Conjunction> dnf = new ArrayList<>();
            for (int c = 0, n = 1 + random.nextInt(2); c < n; c++) {
                List<Assignment> assignments = new ArrayList<>();
                for (String attribute : pick(random, attributes, random.nextInt(4))) {
                    List<String> all = domain.get(attribute);
                    Set<String> vals = new LinkedHashSet<>(pick(random, all, 1 + random.nextInt(3)));
                    assignments.add(new Assignment(attribute, random.nextInt(4) != 0, vals));
                }
                dnf.add(new Conjunction(assignments));
            }
            campaigns.add(dnf);
            builder.add(campaign, dnf);
        }
        ConjunctionIndex<Integer> index = builder.build();
        int[] ordinals = new int[index.ownerCount()];

        for (int r = 0; r < 3000; r++) {
            Map<String, Set<String>> request = new HashMap<>();
            for (String attribute : pick(random, attributes, random.nextInt(attributes.size() + 1))) {
                int count = attribute.equals("segment") || attribute.equals("cat") ? random.nextInt(4) : 1;
                request.put(attribute, new HashSet<>(pick(random, domain.get(attribute), count)));
            }
            Set<Integer> expected = new HashSet<>();
            for (int campaign = 0; campaign < campaigns.size(); campaign++) {
                if (campaigns.get(campaign).stream().anyMatch(c -> c.matches(request))) {
                    expected.add(campaign);
                }
            }
            List<Integer> matched = index.match(request);
            assertThat(new HashSet<>(matched)).as("request %s", request).isEqualTo(expected);
            int n = index.match(request, ordinals);
            List<Integer> owners = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                owners.add(index.owner(ordinals[i]));
            }
            assertThat(owners).as("allocation-free match, request %s", request).isEqualTo(matched);
        }
    }

    private static List<String> values(String prefix, int n) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(prefix + i);
        }
        return v;
    }

    private static List<String> pick(Random random, List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }
}
