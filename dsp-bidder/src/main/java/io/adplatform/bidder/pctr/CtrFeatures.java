package io.adplatform.bidder.pctr;

/**
 * Feature hashing for the pCTR model: every field of a {@link FeatureContext} as {@code name=value}, plus the crosses
 * campaign×site, campaign×country, creative×os and creative×format, each mapped to
 * {@code murmur3_32(name=value) mod 2^bits}. MurmurHash3 (x86, 32 bit, seed 0) runs over the UTF-16 code units of the
 * text, two per block, as Guava's {@code hashUnencodedChars} does — straight from the field values, without building
 * the {@code name=value} strings, because this runs per request and candidate ad. The bidder hashes with the bits of the
 * model it predicts with, so the indices it publishes on its events always fit the model that priced the bid; the
 * trainer folds them into its own size ({@code h mod 2^b} of a larger {@code b} keeps {@code h mod 2^b'} for b' ≤ b).
 * A cross hashes its two values with a unit separator between them.
 */
public final class CtrFeatures {

    /** Features per context: ten fields and four crosses. The model adds its bias itself. */
    public static final int COUNT = 14;

    static final String UNKNOWN = "?";
    private static final char SEPARATOR = '\u001f';

    private CtrFeatures() {
    }

    /** The hashed feature indices of {@code ctx}, in a new array of {@link #COUNT}. */
    public static int[] hash(int bits, FeatureContext ctx) {
        int[] out = new int[COUNT];
        hash(bits, ctx, out);
        return out;
    }

    /** Fills {@code out[0..COUNT)} with the hashed feature indices of {@code ctx}. */
    public static void hash(int bits, FeatureContext ctx, int[] out) {
        request(ctx.site(), ctx.placement(), ctx.country(), ctx.os(), ctx.deviceType(), ctx.connectionType(),
                ctx.hourOfDay()).hash(bits, ctx.campaignId(), ctx.creativeId(), ctx.format(), out);
    }

    /**
     * The request's share of the features, hashed once per request: the bid path then hashes only what each
     * candidate adds (its campaign, creative, format and the crosses) — the same indices as {@link #hash}.
     */
    public static RequestPart request(String site, String placement, String country, String os, int deviceType,
                                      int connectionType, int hourOfDay) {
        Murmur3 m = new Murmur3();
        return new RequestPart(site, country, os,
                text(m, "site=", site, true), text(m, "plc=", placement, false), text(m, "geo=", country, true),
                text(m, "os=", os, true), number(m, "dev=", deviceType > 0 ? deviceType : -1),
                number(m, "conn=", connectionType > 0 ? connectionType : -1),
                number(m, "hour=", hourOfDay >= 0 && hourOfDay < 24 ? hourOfDay : -1));
    }

    /** One request's hashed fields (unmasked) and the values its crosses need. Not thread-safe: one per request. */
    public static final class RequestPart {
        private final String site;
        private final String country;
        private final String os;
        private final int[] fields;
        private final Murmur3 m = new Murmur3();

        RequestPart(String site, String country, String os, int... fields) {
            this.site = site;
            this.country = country;
            this.os = os;
            this.fields = fields;
        }

        /** Fills {@code out[0..COUNT)} with the features of this request and one candidate. */
        public void hash(int bits, String campaignId, String creativeId, String format, int[] out) {
            hash(bits, candidate(campaignId, creativeId, format), out);
        }

        /** As above, with the candidate's own part hashed beforehand; allocation-free. */
        public void hash(int bits, CandidatePart candidate, int[] out) {
            String campaignId = candidate.campaignId();
            String creativeId = candidate.creativeId();
            if (bits < 1 || bits > 30) {
                throw new IllegalArgumentException("bits must be in 1..30: " + bits);
            }
            if (out.length < COUNT) {
                throw new IllegalArgumentException("need room for " + COUNT + " features");
            }
            int mask = (1 << bits) - 1;
            out[0] = candidate.campaign() & mask;
            out[1] = candidate.creative() & mask;
            out[2] = fields[0] & mask;
            out[3] = fields[1] & mask;
            out[4] = fields[2] & mask;
            out[5] = fields[3] & mask;
            out[6] = fields[4] & mask;
            out[7] = fields[5] & mask;
            out[8] = fields[6] & mask;
            out[9] = candidate.format() & mask;
            out[10] = complete(m, candidate.siteCross(), site) & mask;
            out[11] = complete(m, candidate.geoCross(), country) & mask;
            out[12] = complete(m, candidate.osCross(), os) & mask;
            out[13] = candidate.creativeFormat() & mask;
        }
    }

    /**
     * What a candidate ad contributes on its own — its campaign, creative, format and their cross, unmasked, and the
     * hash state of its side of each cross with the request ({@code cmp*site=<campaign>␟}, …) — so that a bidder
     * hashes it once per catalog and per request only the request's side of the crosses.
     */
    public record CandidatePart(String campaignId, String creativeId, String formatName, int campaign, int creative,
                                int format, int creativeFormat, Murmur3.State siteCross, Murmur3.State geoCross,
                                Murmur3.State osCross) {
    }

    public static CandidatePart candidate(String campaignId, String creativeId, String format) {
        Murmur3 m = new Murmur3();
        return new CandidatePart(campaignId, creativeId, format, text(m, "cmp=", campaignId, false),
                text(m, "crv=", creativeId, false), text(m, "fmt=", format, true),
                cross(m, "crv*fmt=", creativeId, false, format, true), crossPrefix(m, "cmp*site=", campaignId),
                crossPrefix(m, "cmp*geo=", campaignId), crossPrefix(m, "crv*os=", creativeId));
    }

    private static int text(Murmur3 m, String name, String value, boolean foldCase) {
        m.reset();
        m.put(name, false);
        m.put(known(value), foldCase);
        return m.finish();
    }

    private static int cross(Murmur3 m, String name, String a, boolean foldA, String b, boolean foldB) {
        m.reset();
        m.put(name, false);
        m.put(known(a), foldA);
        m.put(SEPARATOR);
        m.put(known(b), foldB);
        return m.finish();
    }

    /** The state after {@code name}, {@code a} and the separator: a cross of {@code a} with a value still to come. */
    private static Murmur3.State crossPrefix(Murmur3 m, String name, String a) {
        m.reset();
        m.put(name, false);
        m.put(known(a), false);
        m.put(SEPARATOR);
        return m.state();
    }

    /** {@link #cross} from a {@link #crossPrefix}: the same hash, hashing only {@code b} (case folded). */
    private static int complete(Murmur3 m, Murmur3.State prefix, String b) {
        m.resume(prefix);
        m.put(known(b), true);
        return m.finish();
    }

    /** {@code name=<decimal digits>}, or {@code name=?} for a negative value. */
    private static int number(Murmur3 m, String name, int value) {
        m.reset();
        m.put(name, false);
        if (value < 0) {
            m.put(UNKNOWN, false);
        } else {
            int divisor = 1;
            while (value / divisor >= 10) {
                divisor *= 10;
            }
            for (; divisor > 0; divisor /= 10) {
                m.put((char) ('0' + value / divisor % 10));
            }
        }
        return m.finish();
    }

    private static String known(String value) {
        return value == null || value.isEmpty() ? UNKNOWN : value;
    }

    /** MurmurHash3_x86_32 (seed 0) over a stream of UTF-16 code units; one per {@code hash} call, reset per feature. */
    static final class Murmur3 {

        /** A hash part way through its input, to continue from. */
        record State(int h1, int pending, boolean half, int chars) {
        }

        private int h1;
        private int pending;
        private boolean half;
        private int chars;

        void reset() {
            h1 = 0;
            pending = 0;
            half = false;
            chars = 0;
        }

        State state() {
            return new State(h1, pending, half, chars);
        }

        void resume(State s) {
            h1 = s.h1();
            pending = s.pending();
            half = s.half();
            chars = s.chars();
        }

        void put(String s, boolean foldCase) {
            int i = 0;
            int n = s.length();
            if (half && n > 0) {
                put(fold(s.charAt(0), foldCase));
                i = 1;
            }
            for (; i + 1 < n; i += 2) {
                block(fold(s.charAt(i), foldCase) | (fold(s.charAt(i + 1), foldCase) << 16));
                chars += 2;
            }
            if (i < n) {
                put(fold(s.charAt(i), foldCase));
            }
        }

        void put(char c) {
            chars++;
            if (!half) {
                pending = c;
                half = true;
                return;
            }
            half = false;
            block(pending | (c << 16));
        }

        private void block(int k1) {
            h1 ^= mixK1(k1);
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }

        private static char fold(char c, boolean foldCase) {
            return foldCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }

        int finish() {
            int h = h1;
            if (half) {
                h ^= mixK1(pending);
            }
            h ^= chars * 2;
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            return h;
        }

        private static int mixK1(int k1) {
            k1 *= 0xcc9e2d51;
            k1 = Integer.rotateLeft(k1, 15);
            return k1 * 0x1b873593;
        }
    }
}
