package io.adplatform.bidder.targeting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of many conjunctions a request satisfies, without evaluating each: boolean targeting as in Whang et al.,
 * "Indexing Boolean Expressions" (VLDB 2009) — campaigns as DNF of conjunctions of {@code attribute ∈ / ∉ values}, a
 * posting list per (attribute, value) of the conjunctions that mention the pair — evaluated with bitmaps rather than
 * the paper's sorted cursors.
 *
 * <p>Per attribute the index keeps which conjunctions constrain it with ∈ ({@code has}), and per (attribute, value) the
 * conjunctions whose ∈ assignment holds the value and those whose ∉ assignment does. A request is matched attribute by
 * attribute: the conjunctions still alive are those that do not constrain the attribute with ∈ or hold one of the
 * request's values in it, and that hold none of the request's values in a ∉ assignment. Each step is a few hundred
 * 64-bit operations for ten thousand conjunctions, whatever the length of the posting lists — the common values (a
 * country, a banner size, "app") that make cursor-based evaluation touch most of the index cost the same as rare ones.
 * Exact when a request carries several values of an attribute (segments, categories). Postings are bitmaps when
 * dense and id arrays when sparse. Immutable once built; any number of threads match concurrently, each with its own
 * scratch bitmaps; {@link #match(Map, int[])} allocates nothing.
 */
public final class ConjunctionIndex<T> {

    /** A posting: the conjunctions of one (attribute, value), as a bitmap (dense) or sorted ids (sparse). */
    private record Posting(long[] bits, int[] ids) {

        void orInto(long[] target) {
            if (bits != null) {
                for (int w = 0; w < bits.length; w++) {
                    target[w] |= bits[w];
                }
            } else {
                for (int id : ids) {
                    target[id >>> 6] |= 1L << id;
                }
            }
        }
    }

    /** What the index knows of one attribute. */
    private record Attribute(long[] has, Map<String, Posting> in, Map<String, Posting> notIn) {
    }

    private final Map<String, Attribute> attributes;
    private final Attribute[] constrained; // the attributes some conjunction constrains with ∈
    private final String[] constrainedNames;
    private final int[] ownerOf;           // conjunction id → owner index
    private final List<T> owners;          // distinct owners
    private final int words;
    private final ThreadLocal<Scratch> scratch;

    private ConjunctionIndex(Map<String, Attribute> attributes, int[] ownerOf, List<T> owners) {
        this.attributes = attributes;
        this.constrainedNames = attributes.entrySet().stream().filter(e -> e.getValue().has() != null)
                .map(Map.Entry::getKey).sorted().toArray(String[]::new);
        this.constrained = Arrays.stream(constrainedNames).map(attributes::get).toArray(Attribute[]::new);
        this.ownerOf = ownerOf;
        this.owners = owners;
        this.words = (ownerOf.length + 63) >>> 6;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(words, owners.size()));
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Number of conjunctions. */
    public int size() {
        return ownerOf.length;
    }

    /** Number of distinct owners; {@link #owner} numbers them 0..ownerCount−1 in the order they were added. */
    public int ownerCount() {
        return owners.size();
    }

    public T owner(int ordinal) {
        return owners.get(ordinal);
    }

    /**
     * The owners of every conjunction the request satisfies, each owner once, in the order they were added.
     *
     * @param request attribute → the request's values of it (a request may carry several: segments, categories)
     */
    public List<T> match(Map<String, Set<String>> request) {
        Scratch s = scratch.get();
        int n = match(request, s.owners);
        List<T> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(owners.get(s.owners[i]));
        }
        return result;
    }

    /**
     * As {@link #match(Map)}, allocation-free: the matched owners' ordinals ({@link #owner}), in the order they were added, into
     * {@code out} (at least {@link #ownerCount()} long); returns how many.
     */
    public int match(Map<String, Set<String>> request, int[] out) {
        Scratch s = scratch.get();
        long[] alive = s.alive;
        long[] hit = s.hit;
        Arrays.fill(alive, -1L);
        if ((ownerOf.length & 63) != 0 && words > 0) {
            alive[words - 1] = -1L >>> (64 - (ownerOf.length & 63));
        }
        for (int a = 0; a < constrained.length; a++) {
            Attribute attribute = constrained[a];
            Set<String> values = request.get(constrainedNames[a]);
            Arrays.fill(hit, 0);
            if (values != null) {
                for (String v : values) {
                    Posting p = attribute.in().get(v);
                    if (p != null) {
                        p.orInto(hit);
                    }
                }
            }
            long[] has = attribute.has();
            for (int w = 0; w < words; w++) {
                alive[w] &= ~has[w] | hit[w];
            }
        }
        for (Map.Entry<String, Set<String>> e : request.entrySet()) {
            Attribute attribute = attributes.get(e.getKey());
            if (attribute == null || attribute.notIn().isEmpty()) {
                continue;
            }
            Arrays.fill(hit, 0);
            boolean any = false;
            for (String v : e.getValue()) {
                Posting p = attribute.notIn().get(v);
                if (p != null) {
                    p.orInto(hit);
                    any = true;
                }
            }
            if (any) {
                for (int w = 0; w < words; w++) {
                    alive[w] &= ~hit[w];
                }
            }
        }
        int epoch = s.next();
        int n = 0;
        for (int w = 0; w < words; w++) {
            long word = alive[w];
            while (word != 0) {
                int id = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                int owner = ownerOf[id];
                if (s.ownerStamp[owner] != epoch) {
                    s.ownerStamp[owner] = epoch;
                    out[n++] = owner;
                }
            }
        }
        return n;
    }

    /** Per-thread working memory of {@link #match}. */
    private static final class Scratch {
        final long[] alive;
        final long[] hit;
        final int[] ownerStamp;
        final int[] owners;
        int epoch;

        Scratch(int words, int owners) {
            alive = new long[words];
            hit = new long[words];
            ownerStamp = new int[owners];
            this.owners = new int[owners];
        }

        int next() {
            if (++epoch == Integer.MAX_VALUE) {
                Arrays.fill(ownerStamp, 0);
                epoch = 1;
            }
            return epoch;
        }
    }

    /** Collects conjunctions with their owners, then builds the index. */
    public static final class Builder<T> {

        private final List<Conjunction> conjunctions = new ArrayList<>();
        private final List<T> conjunctionOwners = new ArrayList<>();

        /** Adds a disjunction of conjunctions (a campaign's targeting in DNF). */
        public Builder<T> add(T owner, List<Conjunction> dnf) {
            for (Conjunction c : dnf) {
                conjunctions.add(c);
                conjunctionOwners.add(owner);
            }
            return this;
        }

        public ConjunctionIndex<T> build() {
            int n = conjunctions.size();
            int words = (n + 63) >>> 6;
            Map<String, long[]> has = new HashMap<>();
            Map<String, Map<String, IntList>> in = new HashMap<>();
            Map<String, Map<String, IntList>> notIn = new HashMap<>();
            int[] ownerOf = new int[n];
            Map<T, Integer> ownerIds = new HashMap<>();
            List<T> owners = new ArrayList<>();
            for (int id = 0; id < n; id++) {
                for (Assignment a : conjunctions.get(id).assignments()) {
                    if (a.include()) {
                        long[] bits = has.computeIfAbsent(a.attribute(), x -> new long[words]);
                        bits[id >>> 6] |= 1L << id;
                    }
                    Map<String, IntList> byValue = (a.include() ? in : notIn)
                            .computeIfAbsent(a.attribute(), x -> new HashMap<>());
                    for (String v : a.values()) {
                        byValue.computeIfAbsent(v, x -> new IntList()).add(id);
                    }
                }
                T owner = conjunctionOwners.get(id);
                Integer ownerId = ownerIds.get(owner);
                if (ownerId == null) {
                    ownerId = owners.size();
                    ownerIds.put(owner, ownerId);
                    owners.add(owner);
                }
                ownerOf[id] = ownerId;
            }
            Map<String, Attribute> attributes = new HashMap<>();
            for (String name : union(has.keySet(), notIn.keySet())) {
                attributes.put(name, new Attribute(has.get(name), postings(in.get(name), words),
                        postings(notIn.get(name), words)));
            }
            return new ConjunctionIndex<>(attributes, ownerOf, List.copyOf(owners));
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return all;
        }

        /** A bitmap when the ids would take more room than one (over one id per 32 conjunctions), else the ids. */
        private static Map<String, Posting> postings(Map<String, IntList> lists, int words) {
            Map<String, Posting> built = new HashMap<>();
            if (lists != null) {
                lists.forEach((value, list) -> {
                    int[] ids = list.toArray();
                    if (ids.length * 32L > words * 64L) {
                        long[] bits = new long[words];
                        for (int id : ids) {
                            bits[id >>> 6] |= 1L << id;
                        }
                        built.put(value, new Posting(bits, null));
                    } else {
                        built.put(value, new Posting(null, ids));
                    }
                });
            }
            return built;
        }
    }

    /** A growable list of primitive ints: building 10,000 campaigns' postings without boxing. */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
