package io.adplatform.bidder.targeting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conjunction index of Whang et al., "Indexing Boolean Expressions" (VLDB 2009): which of many conjunctions a
 * request satisfies, without evaluating each. Conjunctions are partitioned by size K (their number of ∈ assignments);
 * within a partition, a posting list per (attribute, value) holds the conjunctions that mention the pair, sorted by
 * conjunction id, ∉ entries before ∈ ones of the same id. A conjunction of size K matches when K of the request's
 * posting lists hold it (as ∈) and none holds it as ∉; size-0 conjunctions all sit on a special list Z every request
 * reads. A request may carry several values of one attribute (segments, categories); two of them in one ∈ assignment
 * would count twice towards K, so candidates are confirmed against their conjunction (a handful per request).
 * Immutable: built once per configuration version, read by any number of threads.
 */
public final class ConjunctionIndex<T> {

    private static final String Z = "\u0000Z";

    /** Entries of one posting list: conjunction id << 1 | (1 if ∈, 0 if ∉), ascending. */
    private record Posting(long[] entries) {
    }

    private final List<Map<String, Posting>> partitions; // by K: "attribute\u0001value" → posting list
    private final List<T> owners;                        // conjunction id → what it belongs to (a campaign)
    private final List<Conjunction> definitions;         // conjunction id → the conjunction
    private final int conjunctions;

    private ConjunctionIndex(List<Map<String, Posting>> partitions, List<T> owners, List<Conjunction> definitions) {
        this.partitions = partitions;
        this.owners = owners;
        this.definitions = definitions;
        this.conjunctions = owners.size();
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public int size() {
        return conjunctions;
    }

    /**
     * The owners of every conjunction the request satisfies (each owner once, in conjunction order).
     *
     * @param request attribute → the request's values of it (a request may carry several: segments, categories)
     */
    public List<T> match(Map<String, Set<String>> request) {
        BitSet matched = new BitSet(conjunctions);
        int requestPairs = 0;
        for (Set<String> values : request.values()) {
            requestPairs += values.size();
        }
        List<long[]> lists = new ArrayList<>();
        for (int k = Math.min(partitions.size() - 1, requestPairs); k >= 0; k--) {
            Map<String, Posting> partition = partitions.get(k);
            if (partition.isEmpty()) {
                continue;
            }
            lists.clear();
            request.forEach((attribute, values) -> {
                for (String v : values) {
                    Posting p = partition.get(key(attribute, v));
                    if (p != null) {
                        lists.add(p.entries());
                    }
                }
            });
            if (k == 0) {
                Posting z = partition.get(Z);
                if (z != null) {
                    lists.add(z.entries());
                }
            }
            scan(lists, Math.max(k, 1), matched);
        }
        List<T> result = new ArrayList<>();
        for (int id = matched.nextSetBit(0); id >= 0; id = matched.nextSetBit(id + 1)) {
            if (definitions.get(id).matches(request)) {
                result.add(owners.get(id));
            }
        }
        return result.stream().distinct().toList();
    }

    /** The algorithm of the paper's figure 5 over one partition: K' lists must agree on a conjunction id. */
    private static void scan(List<long[]> lists, int kk, BitSet matched) {
        int n = lists.size();
        if (n < kk) {
            return;
        }
        long[][] pl = lists.toArray(long[][]::new);
        int[] pos = new int[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        while (true) {
            Arrays.sort(order, (a, b) -> Long.compare(current(pl, pos, a), current(pl, pos, b)));
            long kth = current(pl, pos, order[kk - 1]);
            if (kth == Long.MAX_VALUE) {
                return;
            }
            long first = current(pl, pos, order[0]);
            long nextId;
            if ((first >>> 1) == (kth >>> 1)) {
                long id = first >>> 1;
                if ((first & 1) == 0) {
                    // an ∉ assignment of this conjunction holds for the request: rejected
                    nextId = id + 1;
                } else {
                    matched.set((int) id);
                    nextId = id + 1;
                }
                for (int i = 0; i < n; i++) {
                    skipTo(pl, pos, i, nextId << 1);
                }
            } else {
                nextId = kth >>> 1;
                for (int i = 0; i < kk - 1; i++) {
                    skipTo(pl, pos, order[i], nextId << 1);
                }
            }
        }
    }

    private static long current(long[][] pl, int[] pos, int list) {
        return pos[list] < pl[list].length ? pl[list][pos[list]] : Long.MAX_VALUE;
    }

    /** Moves a list to its first entry ≥ target (binary search: posting lists can be long). */
    private static void skipTo(long[][] pl, int[] pos, int list, long target) {
        long[] entries = pl[list];
        int from = pos[list];
        if (from >= entries.length || entries[from] >= target) {
            return;
        }
        int at = Arrays.binarySearch(entries, from, entries.length, target);
        pos[list] = at >= 0 ? at : -at - 1;
    }

    private static String key(String attribute, String value) {
        return attribute + '\u0001' + value;
    }

    /** Collects conjunctions with their owners, then builds the index. */
    public static final class Builder<T> {

        private final List<Conjunction> conjunctions = new ArrayList<>();
        private final List<T> owners = new ArrayList<>();

        /** Adds a disjunction of conjunctions (a campaign's targeting in DNF). */
        public Builder<T> add(T owner, List<Conjunction> dnf) {
            for (Conjunction c : dnf) {
                conjunctions.add(c);
                owners.add(owner);
            }
            return this;
        }

        public ConjunctionIndex<T> build() {
            int maxK = conjunctions.stream().mapToInt(Conjunction::size).max().orElse(0);
            List<Map<String, List<Long>>> lists = new ArrayList<>();
            for (int k = 0; k <= maxK; k++) {
                lists.add(new HashMap<>());
            }
            for (int id = 0; id < conjunctions.size(); id++) {
                Conjunction c = conjunctions.get(id);
                Map<String, List<Long>> partition = lists.get(c.size());
                for (Assignment a : c.assignments()) {
                    for (String v : a.values()) {
                        partition.computeIfAbsent(key(a.attribute(), v), x -> new ArrayList<>())
                                .add(((long) id << 1) | (a.include() ? 1 : 0));
                    }
                }
                if (c.size() == 0) {
                    partition.computeIfAbsent(Z, x -> new ArrayList<>()).add(((long) id << 1) | 1);
                }
            }
            List<Map<String, Posting>> partitions = new ArrayList<>();
            for (Map<String, List<Long>> partition : lists) {
                Map<String, Posting> built = new HashMap<>();
                partition.forEach((key, entries) -> built.put(key,
                        new Posting(entries.stream().mapToLong(Long::longValue).sorted().toArray())));
                partitions.add(built);
            }
            return new ConjunctionIndex<>(partitions, List.copyOf(owners), List.copyOf(conjunctions));
        }
    }
}
