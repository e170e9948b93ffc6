package io.adplatform.bidder.traffic;

/**
 * Parses IP address literals into numbers, on the bid path: no {@code InetAddress.getByName} (a host name in
 * {@code device.ip} must never make a request thread wait for DNS) and no allocation. IPv4 is an unsigned 32-bit value
 * in a long; IPv6 is two longs (high and low 64 bits). Strict: dotted quads without leading zeros (no octal
 * ambiguity), no zone ids, no brackets or ports — whatever is not a plain literal is invalid.
 */
public final class IpAddresses {

    /** What {@link #parseIpv4} returns for an invalid address. */
    public static final long INVALID = -1;

    private IpAddresses() {
    }

    /** The IPv4 address as 0..2^32−1, or {@link #INVALID}. */
    public static long parseIpv4(CharSequence s) {
        return s == null ? INVALID : parseIpv4(s, 0, s.length());
    }

    /** The IPv4 address in {@code s[from, to)}, or {@link #INVALID}. */
    public static long parseIpv4(CharSequence s, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return INVALID;
        }
        long address = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int octet = 0;
            while (i < to && i - start < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return INVALID;
            }
            address = (address << 8) | octet;
            parts++;
            if (i == to) {
                return parts == 4 ? address : INVALID;
            }
            if (parts == 4 || s.charAt(i) != '.') {
                return INVALID;
            }
            i++;
        }
    }

    /**
     * Parses an IPv6 literal (with {@code ::} and an optional dotted-quad tail) into {@code out[0]} (high 64 bits) and
     * {@code out[1]} (low 64 bits).
     *
     * @return false, leaving {@code out} unspecified, when {@code s} is not an IPv6 literal
     */
    public static boolean parseIpv6(CharSequence s, long[] out) {
        if (s == null) {
            return false;
        }
        int to = s.length();
        if (to < 2 || to > 45) {
            return false;
        }
        long headHi = 0;
        long headLo = 0;
        long tailHi = 0;
        long tailLo = 0;
        int headGroups = 0;
        int tailGroups = 0;
        boolean compressed = false;
        int i = 0;
        if (s.charAt(0) == ':') {
            if (s.charAt(1) != ':') {
                return false;
            }
            compressed = true;
            i = 2;
        }
        while (i < to) {
            int start = i;
            int group = 0;
            while (i < to && i - start < 5) {
                int digit = hexDigit(s.charAt(i));
                if (digit < 0) {
                    break;
                }
                group = (group << 4) | digit;
                i++;
            }
            int groups = 1;
            long value = group;
            if (i < to && s.charAt(i) == '.') {
                long v4 = parseIpv4(s, start, to);
                if (v4 == INVALID) {
                    return false;
                }
                groups = 2;
                value = v4;
                i = to;
            } else if (i == start || i - start > 4) {
                return false;
            }
            if (headGroups + tailGroups + groups > (compressed ? 7 : 8)) {
                return false;
            }
            int bits = 16 * groups;
            if (compressed) {
                tailHi = (tailHi << bits) | (tailLo >>> (64 - bits));
                tailLo = (tailLo << bits) | value;
                tailGroups += groups;
            } else {
                headHi = (headHi << bits) | (headLo >>> (64 - bits));
                headLo = (headLo << bits) | value;
                headGroups += groups;
            }
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == to) {
                return false; // a single trailing colon
            }
        }
        if (!compressed) {
            if (headGroups != 8) {
                return false;
            }
            out[0] = headHi;
            out[1] = headLo;
            return true;
        }
        // the head moves up past the zeros that "::" stands for; the tail stays in the low bits
        int shift = 16 * (8 - headGroups);
        long hi;
        long lo;
        if (shift >= 128) {
            hi = 0;
            lo = 0;
        } else if (shift >= 64) {
            hi = headLo << (shift - 64);
            lo = 0;
        } else {
            hi = (headHi << shift) | (headLo >>> (64 - shift));
            lo = headLo << shift;
        }
        out[0] = hi | tailHi;
        out[1] = lo | tailLo;
        return true;
    }

    /** Whether the IPv6 address is an IPv4-mapped one ({@code ::ffff:a.b.c.d}); its IPv4 address is the low 32 bits. */
    public static boolean isIpv4Mapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    /**
     * The address as bytes for {@code InetAddress.getByAddress} (which never resolves anything): 4 bytes for IPv4 and
     * IPv4-mapped IPv6, else 16; null when {@code ip} is not an IP literal.
     */
    public static byte[] toBytes(String ip) {
        long v4 = parseIpv4(ip);
        if (v4 != INVALID) {
            return ipv4Bytes(v4);
        }
        long[] v6 = new long[2];
        if (!parseIpv6(ip, v6)) {
            return null;
        }
        if (isIpv4Mapped(v6[0], v6[1])) {
            return ipv4Bytes(v6[1] & 0xFFFF_FFFFL);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (v6[0] >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (v6[1] >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static byte[] ipv4Bytes(long v4) {
        return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
    }
}
