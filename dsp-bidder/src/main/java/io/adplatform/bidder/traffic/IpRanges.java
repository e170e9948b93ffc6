package io.adplatform.bidder.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of IPv4 and IPv6 networks (block lists, data-centre ranges) asked once or twice per bid request:
 * the CIDRs are merged into sorted, disjoint, inclusive ranges held in primitive arrays and searched by binary search,
 * so a lookup costs a parse and ~log2(n) comparisons with no allocation for IPv4 (IPv6 reuses a per-thread scratch
 * array). IPv4-mapped IPv6 addresses and networks ({@code ::ffff:a.b.c.d}) count as IPv4; otherwise the two families
 * are separate ({@code ::/0} does not contain 10.0.0.1).
 */
public final class IpRanges {

    /** Contains nothing. */
    public static final IpRanges EMPTY = new IpRanges(new long[0], new long[0], new long[0], new long[0],
            new long[0], new long[0]);

    private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[2]);

    private final long[] v4Start;
    private final long[] v4End;
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;

    private IpRanges(long[] v4Start, long[] v4End, long[] v6StartHi, long[] v6StartLo, long[] v6EndHi,
                     long[] v6EndLo) {
        this.v4Start = v4Start;
        this.v4End = v4End;
        this.v6StartHi = v6StartHi;
        this.v6StartLo = v6StartLo;
        this.v6EndHi = v6EndHi;
        this.v6EndLo = v6EndLo;
    }

    /**
     * @param cidrs networks like {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a single host; host
     *              bits below the prefix are ignored
     * @throws IllegalArgumentException naming the first entry that is not a network
     */
    public static IpRanges of(Collection<String> cidrs) {
        List<long[]> v4 = new ArrayList<>();
        List<long[]> v6 = new ArrayList<>();
        long[] address = new long[2];
        for (String entry : cidrs) {
            String cidr = entry.strip();
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            long v4Address = IpAddresses.parseIpv4(host);
            boolean isV4 = v4Address != IpAddresses.INVALID;
            if (!isV4 && !IpAddresses.parseIpv6(host, address)) {
                throw new IllegalArgumentException("not an IP network: " + entry);
            }
            int maxPrefix = isV4 ? 32 : 128;
            int prefix = slash < 0 ? maxPrefix : parsePrefix(cidr.substring(slash + 1), maxPrefix, entry);
            if (!isV4 && prefix >= 96 && IpAddresses.isIpv4Mapped(address[0], address[1])) {
                isV4 = true;
                v4Address = address[1] & 0xFFFF_FFFFL;
                prefix -= 96;
            }
            if (isV4) {
                long size = 1L << (32 - prefix);
                long start = v4Address & ~(size - 1);
                v4.add(new long[] {start, start + size - 1});
            } else {
                long maskHi = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
                long maskLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
                long startHi = address[0] & maskHi;
                long startLo = address[1] & maskLo;
                v6.add(new long[] {startHi, startLo, startHi | ~maskHi, startLo | ~maskLo});
            }
        }
        return merged(v4, v6);
    }

    /** Reads one network per line; {@code #} starts a comment, blank lines are skipped. */
    public static IpRanges load(Path file) throws IOException {
        List<String> cidrs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            String cidr = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!cidr.isEmpty()) {
                cidrs.add(cidr);
            }
        }
        try {
            return of(cidrs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the textual address lies in one of the networks; false for anything that is not an IP literal. */
    public boolean contains(String ip) {
        long v4 = IpAddresses.parseIpv4(ip);
        if (v4 != IpAddresses.INVALID) {
            return containsIpv4(v4);
        }
        long[] v6 = SCRATCH.get();
        return IpAddresses.parseIpv6(ip, v6) && containsIpv6(v6[0], v6[1]);
    }

    /** @param address an IPv4 address as 0..2^32−1 */
    public boolean containsIpv4(long address) {
        int lo = 0;
        int hi = v4Start.length - 1;
        while (lo <= hi) { // the last range starting at or below the address
            int mid = (lo + hi) >>> 1;
            if (v4Start[mid] <= address) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi >= 0 && address <= v4End[hi];
    }

    /** @param hi the high 64 bits, {@code lo} the low 64 bits of an IPv6 address (IPv4-mapped ones check IPv4) */
    public boolean containsIpv6(long hi, long lo) {
        if (IpAddresses.isIpv4Mapped(hi, lo)) {
            return containsIpv4(lo & 0xFFFF_FFFFL);
        }
        int low = 0;
        int high = v6StartHi.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(v6StartHi[mid], v6StartLo[mid], hi, lo) <= 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high >= 0 && compare(hi, lo, v6EndHi[high], v6EndLo[high]) <= 0;
    }

    public boolean isEmpty() {
        return v4Start.length == 0 && v6StartHi.length == 0;
    }

    /** Disjoint ranges after merging (for logs: how big the list really is). */
    public int rangeCount() {
        return v4Start.length + v6StartHi.length;
    }

    private static int parsePrefix(String text, int max, String entry) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad prefix length: " + entry);
        }
        int prefix = Integer.parseInt(text);
        if (prefix > max) {
            throw new IllegalArgumentException("prefix length above " + max + ": " + entry);
        }
        return prefix;
    }

    private static IpRanges merged(List<long[]> v4, List<long[]> v6) {
        v4.sort(Comparator.comparingLong(r -> r[0]));
        long[] v4Start = new long[v4.size()];
        long[] v4End = new long[v4.size()];
        int n4 = 0;
        for (long[] r : v4) {
            if (n4 > 0 && r[0] <= v4End[n4 - 1] + 1) { // overlapping or adjacent
                v4End[n4 - 1] = Math.max(v4End[n4 - 1], r[1]);
            } else {
                v4Start[n4] = r[0];
                v4End[n4] = r[1];
                n4++;
            }
        }
        v6.sort((a, b) -> compare(a[0], a[1], b[0], b[1]));
        long[] startHi = new long[v6.size()];
        long[] startLo = new long[v6.size()];
        long[] endHi = new long[v6.size()];
        long[] endLo = new long[v6.size()];
        int n6 = 0;
        for (long[] r : v6) {
            if (n6 > 0 && touches(endHi[n6 - 1], endLo[n6 - 1], r[0], r[1])) {
                if (compare(r[2], r[3], endHi[n6 - 1], endLo[n6 - 1]) > 0) {
                    endHi[n6 - 1] = r[2];
                    endLo[n6 - 1] = r[3];
                }
            } else {
                startHi[n6] = r[0];
                startLo[n6] = r[1];
                endHi[n6] = r[2];
                endLo[n6] = r[3];
                n6++;
            }
        }
        return new IpRanges(Arrays.copyOf(v4Start, n4), Arrays.copyOf(v4End, n4), Arrays.copyOf(startHi, n6),
                Arrays.copyOf(startLo, n6), Arrays.copyOf(endHi, n6), Arrays.copyOf(endLo, n6));
    }

    /** Whether a range starting at {@code start} overlaps or directly follows one ending at {@code end}. */
    private static boolean touches(long endHi, long endLo, long startHi, long startLo) {
        if (compare(startHi, startLo, endHi, endLo) <= 0) {
            return true;
        }
        if (endHi == -1L && endLo == -1L) {
            return true; // end is the last address
        }
        long nextLo = endLo + 1;
        long nextHi = nextLo == 0 ? endHi + 1 : endHi;
        return nextHi == startHi && nextLo == startLo;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
