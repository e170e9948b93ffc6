package io.adplatform.bidder.traffic;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Blocked domains, matched with their subdomains ({@code example.com} blocks {@code news.example.com}) and without
 * regard to case (ASCII: hosts arrive in punycode), per bid request without allocation: the host is hashed once from
 * right to left, and the hash of each parent domain is looked up in an open-addressing table as the scan passes its
 * dot.
 */
final class DomainSet {

    private final long[] hashes;
    private final String[] domains;
    private final int mask;
    private final int size;

    /** @param domains host names; a leading {@code *.} or {@code .} and a trailing {@code .} are ignored */
    DomainSet(Collection<String> domains) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String domain : domains) {
            String d = domain.strip().toLowerCase(Locale.ROOT);
            d = d.startsWith("*.") ? d.substring(2) : d.startsWith(".") ? d.substring(1) : d;
            d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
            if (!d.isEmpty()) {
                normalised.add(d);
            }
        }
        int slots = Integer.highestOneBit(Math.max(4, normalised.size() * 4) - 1) << 1;
        this.hashes = new long[slots];
        this.domains = new String[slots];
        this.mask = slots - 1;
        this.size = normalised.size();
        for (String d : normalised) {
            long h = 0;
            for (int i = d.length() - 1; i >= 0; i--) {
                h = step(h, d.charAt(i));
            }
            int slot = slot(h);
            while (this.domains[slot] != null) {
                slot = (slot + 1) & mask;
            }
            this.hashes[slot] = h;
            this.domains[slot] = d;
        }
    }

    int size() {
        return size;
    }

    /** Whether {@code host} or one of its parent domains is in the set; false for null. */
    boolean matches(String host) {
        if (host == null) {
            return false;
        }
        int end = host.length();
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        long h = 0;
        for (int i = end - 1; i >= 0; i--) {
            h = step(h, host.charAt(i));
            if ((i == 0 || host.charAt(i - 1) == '.') && find(h, host, i, end)) {
                return true;
            }
        }
        return false;
    }

    private boolean find(long h, String host, int from, int end) {
        int slot = slot(h);
        String candidate;
        while ((candidate = domains[slot]) != null) {
            if (hashes[slot] == h && candidate.length() == end - from
                    && host.regionMatches(true, from, candidate, 0, end - from)) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    private static long step(long h, char c) {
        char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        return (h + lower) * 0x9E3779B97F4A7C15L;
    }

    private int slot(long h) {
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
