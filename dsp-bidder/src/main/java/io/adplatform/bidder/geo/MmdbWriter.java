package io.adplatform.bidder.geo;

import io.adplatform.bidder.traffic.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a GeoIP2-City-shaped database in MaxMind DB format v2 (https://maxmind.github.io/MaxMind-DB/), because
 * GeoLite2 cannot be downloaded here: tests, local runs and benchmarks build their own from a CSV of
 * {@code cidr,country,region,city}, and the bidder reads it with the same code as a real GeoIP2 City file.
 *
 * <p>Layout, as GeoIP2 does it: an IPv6 binary search tree (IPv4 networks under {@code ::/96}, with
 * {@code ::ffff:0:0/96} and 6to4 {@code 2002::/16} pointing at the IPv4 subtree), 24-, 28- or 32-bit records (the
 * smallest that fits), 16 zero bytes, the data section — one map per distinct location, {@code {country:{iso_code},
 * subdivisions:[{iso_code}], city:{names:{en}}}}, repeated keys and values written once and referenced by pointers —
 * and the metadata map after the {@code \xAB\xCD\xEFMaxMind.com} marker. Overlapping networks: the more specific one
 * wins. Sibling networks with the same location are merged.
 */
public final class MmdbWriter {

    /** One network and its location; empty or null region / city are left out of the record. */
    public record Entry(String cidr, String countryIso2, String regionIso, String cityName) {
    }

    static final String DATABASE_TYPE = "GeoIP2-City";
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    private static final int DATA_SEPARATOR = 16;
    private static final int EMPTY = -1;

    // the tree while building: child values >= 0 are nodes, EMPTY is no data, -(id + 2) is location id
    private int[] left = new int[1024];
    private int[] right = new int[1024];
    private int nodes;

    private MmdbWriter() {
    }

    /** Writes {@code out} (replacing it atomically: a reader that has the old file mapped keeps its copy). */
    public static void write(Path out, List<Entry> entries) throws IOException {
        write(out, entries, 0, Instant.now());
    }

    /**
     * @param recordSize 24, 28 or 32 bits per tree record, or 0 for the smallest that fits (tests force each layout)
     */
    static void write(Path out, List<Entry> entries, int recordSize, Instant buildTime) throws IOException {
        byte[] database = new MmdbWriter().build(entries, recordSize, buildTime);
        Path absolute = out.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, database);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code MmdbWriter <cidr,country,region,city CSV> <out.mmdb>} — for scripts that need a database. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MmdbWriter <cidr,country,region,city CSV> <out.mmdb>");
            System.exit(2);
        }
        List<Entry> entries = readCsv(Path.of(args[0]));
        write(Path.of(args[1]), entries);
        System.out.println(entries.size() + " networks -> " + args[1]);
    }

    /**
     * Reads {@code cidr,country,region,city} lines: {@code #} comments, blank lines and a {@code cidr,...} header are
     * skipped; the city is the rest of the line, so it may contain commas.
     */
    public static List<Entry> readCsv(Path csv) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.toLowerCase(Locale.ROOT).startsWith("cidr,")) {
                continue;
            }
            String[] fields = line.split(",", 4);
            if (fields.length < 2) {
                throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected cidr,country,region,city");
            }
            entries.add(new Entry(fields[0].strip(), fields[1].strip(), field(fields, 2), field(fields, 3)));
        }
        return entries;
    }

    private static String field(String[] fields, int index) {
        return index < fields.length && !fields[index].isBlank() ? fields[index].strip() : null;
    }

    private byte[] build(List<Entry> entries, int recordSize, Instant buildTime) throws IOException {
        // distinct locations, in order of first appearance
        Map<Map<String, Object>, Integer> locationIds = new LinkedHashMap<>();
        List<Network> networks = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> location = location(entry);
            int id = locationIds.computeIfAbsent(location, l -> locationIds.size());
            networks.add(Network.parse(entry.cidr(), id));
        }
        // shorter prefixes first, so that more specific networks overwrite their part of them
        networks.sort(Comparator.comparingInt(Network::prefix));

        nodes = 1;
        left[0] = EMPTY;
        right[0] = EMPTY;
        for (Network n : networks) {
            insert(n.hi(), n.lo(), n.prefix(), -(n.location() + 2));
        }
        left[0] = collapse(left[0]);
        right[0] = collapse(right[0]);
        int ipv4Root = follow(0, 0, 96);
        if (ipv4Root != EMPTY) {
            insert(0, 0xFFFF_0000_0000L, 96, ipv4Root); // ::ffff:0:0/96, IPv4-mapped
            insert(0x2002L << 48, 0, 16, ipv4Root); // 2002::/16, 6to4
        }

        // node numbers, breadth first from the root; merged-away nodes get none
        int[] number = new int[nodes];
        Arrays.fill(number, -1);
        int[] order = new int[nodes];
        int nodeCount = 0;
        number[0] = 0;
        order[nodeCount++] = 0;
        for (int head = 0; head < nodeCount; head++) {
            for (int child : new int[] {left[order[head]], right[order[head]]}) {
                if (child >= 0 && number[child] < 0) {
                    number[child] = nodeCount;
                    order[nodeCount++] = child;
                }
            }
        }

        DataWriter data = new DataWriter(true);
        int[] locationOffsets = new int[locationIds.size()];
        for (Map.Entry<Map<String, Object>, Integer> e : locationIds.entrySet()) {
            locationOffsets[e.getValue()] = data.write(e.getKey());
        }

        long maxRecord = (long) nodeCount + DATA_SEPARATOR + data.size();
        int bits = recordSize != 0 ? recordSize : maxRecord < (1L << 24) ? 24 : maxRecord < (1L << 28) ? 28 : 32;
        if ((bits != 24 && bits != 28 && bits != 32) || maxRecord >= (1L << bits)) {
            throw new IllegalArgumentException("record size " + bits + " cannot hold " + maxRecord);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(nodeCount * bits / 4 + data.size() + 512);
        for (int i = 0; i < nodeCount; i++) {
            int node = order[i];
            writeNode(out, bits, record(left[node], number, nodeCount, locationOffsets),
                    record(right[node], number, nodeCount, locationOffsets));
        }
        out.write(new byte[DATA_SEPARATOR]);
        data.bytes.writeTo(out);
        out.write(METADATA_MARKER);

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", BigInteger.valueOf(buildTime.getEpochSecond()));
        metadata.put("database_type", DATABASE_TYPE);
        metadata.put("description", Map.of("en", "Synthetic GeoIP2-City-format database (adplatform MmdbWriter)"));
        metadata.put("ip_version", new Uint16(6));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", new Uint16(bits));
        DataWriter meta = new DataWriter(false); // no pointers: the metadata is decoded on its own
        meta.write(metadata);
        meta.bytes.writeTo(out);
        return out.toByteArray();
    }

    private static Map<String, Object> location(Entry entry) {
        Map<String, Object> location = new LinkedHashMap<>();
        if (entry.cityName() != null && !entry.cityName().isBlank()) {
            location.put("city", Map.of("names", Map.of("en", entry.cityName())));
        }
        if (entry.countryIso2() != null && !entry.countryIso2().isBlank()) {
            location.put("country", Map.of("iso_code", entry.countryIso2().toUpperCase(Locale.ROOT)));
        }
        if (entry.regionIso() != null && !entry.regionIso().isBlank()) {
            location.put("subdivisions", List.of(Map.of("iso_code", entry.regionIso().toUpperCase(Locale.ROOT))));
        }
        return location;
    }

    /** Points the record for the network ({@code prefix} leading bits of hi:lo) at {@code value}. */
    private void insert(long hi, long lo, int prefix, int value) {
        if (prefix == 0) {
            left[0] = value;
            right[0] = value;
            return;
        }
        int node = 0;
        for (int depth = 0; depth < prefix; depth++) {
            boolean one = bit(hi, lo, depth);
            if (depth == prefix - 1) {
                setChild(node, one, value);
                return;
            }
            int child = one ? right[node] : left[node];
            if (child < 0) { // a leaf above the network: split it, both halves keep its value
                int split = newNode(child, child);
                setChild(node, one, split);
                child = split;
            }
            node = child;
        }
    }

    /** Merges nodes whose halves carry the same location (or none) into that leaf. */
    private int collapse(int value) {
        if (value < 0) {
            return value;
        }
        left[value] = collapse(left[value]);
        right[value] = collapse(right[value]);
        return left[value] == right[value] && left[value] < 0 ? left[value] : value;
    }

    /** The value reached by following {@code depth} bits of hi:lo from {@code node}. */
    private int follow(long hi, long lo, int depth) {
        int value = 0;
        for (int d = 0; d < depth && value >= 0; d++) {
            value = bit(hi, lo, d) ? right[value] : left[value];
        }
        return value;
    }

    private int newNode(int l, int r) {
        if (nodes == left.length) {
            left = Arrays.copyOf(left, nodes * 2);
            right = Arrays.copyOf(right, nodes * 2);
        }
        left[nodes] = l;
        right[nodes] = r;
        return nodes++;
    }

    private void setChild(int node, boolean one, int value) {
        if (one) {
            right[node] = value;
        } else {
            left[node] = value;
        }
    }

    private static boolean bit(long hi, long lo, int depth) {
        return depth < 64 ? (hi >>> (63 - depth) & 1) != 0 : (lo >>> (127 - depth) & 1) != 0;
    }

    /** The record value: node number, node count for "no data", or node count + 16 + data offset. */
    private static long record(int value, int[] number, int nodeCount, int[] locationOffsets) {
        if (value >= 0) {
            return number[value];
        }
        if (value == EMPTY) {
            return nodeCount;
        }
        return (long) nodeCount + DATA_SEPARATOR + locationOffsets[-value - 2];
    }

    private static void writeNode(OutputStream out, int bits, long l, long r) throws IOException {
        switch (bits) {
            case 24 -> {
                writeBigEndian(out, l, 3);
                writeBigEndian(out, r, 3);
            }
            case 28 -> { // the middle byte holds the top nibble of each record
                writeBigEndian(out, l & 0xFF_FFFF, 3);
                out.write((int) (((l >>> 24) & 0x0F) << 4 | ((r >>> 24) & 0x0F)));
                writeBigEndian(out, r & 0xFF_FFFF, 3);
            }
            default -> {
                writeBigEndian(out, l, 4);
                writeBigEndian(out, r, 4);
            }
        }
    }

    private static void writeBigEndian(OutputStream out, long value, int bytes) throws IOException {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    /** A network as the 128-bit tree path (IPv4 under ::/96) and its location id. */
    private record Network(long hi, long lo, int prefix, int location) {

        static Network parse(String cidr, int location) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            long v4 = IpAddresses.parseIpv4(host);
            long[] v6 = new long[2];
            if (v4 != IpAddresses.INVALID) {
                v6[1] = v4;
            } else if (!IpAddresses.parseIpv6(host, v6)) {
                throw new IllegalArgumentException("not an IP network: " + cidr);
            }
            int max = v4 != IpAddresses.INVALID ? 32 : 128;
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length: " + cidr, e);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("bad prefix length: " + cidr);
            }
            if (max == 32) {
                prefix += 96;
            } else if (prefix >= 96 && IpAddresses.isIpv4Mapped(v6[0], v6[1])) {
                v6[1] &= 0xFFFF_FFFFL; // ::ffff:a.b.c.d/n is the IPv4 network, which lives under ::/96
            }
            return new Network(v6[0], v6[1], prefix, location);
        }
    }

    /** Marks a number to be written as uint16, which the metadata needs for some keys. */
    private record Uint16(int value) {
    }

    /**
     * Encodes values into a data section. With pointers on, each string, map and list is written once and referred
     * to by a pointer afterwards (as MaxMind's writers do): keys like {@code iso_code} and shared maps like a
     * country cost 2-4 bytes each after the first time.
     */
    private static final class DataWriter {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<Object, Integer> written;

        DataWriter(boolean pointers) {
            this.written = pointers ? new HashMap<>() : null;
        }

        int size() {
            return bytes.size();
        }

        /** @return the offset where the value (or a pointer to its earlier copy) starts */
        int write(Object value) {
            int offset = bytes.size();
            boolean shareable = value instanceof String || value instanceof Map || value instanceof List;
            if (written != null && shareable) {
                Integer earlier = written.get(value);
                if (earlier != null) {
                    pointer(earlier);
                    return offset;
                }
                written.put(value, offset);
            }
            if (value instanceof String s) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                control(2, utf8.length);
                bytes.writeBytes(utf8);
            } else if (value instanceof Map<?, ?> map) {
                control(7, map.size());
                map.forEach((k, v) -> {
                    write(k.toString());
                    write(v);
                });
            } else if (value instanceof List<?> list) {
                control(11, list.size());
                list.forEach(this::write);
            } else if (value instanceof Uint16 u) {
                unsigned(5, BigInteger.valueOf(u.value()));
            } else if (value instanceof Long l) {
                unsigned(6, BigInteger.valueOf(l));
            } else if (value instanceof BigInteger big) {
                unsigned(9, big);
            } else {
                throw new IllegalArgumentException("cannot encode " + value);
            }
            return offset;
        }

        /** Pointers count from the start of the data section; four sizes with offsets (spec: "Pointer - 1"). */
        private void pointer(int target) {
            if (target < 2048) {
                bytes.write(0x20 | (target >>> 8));
                bytes.write(target & 0xFF);
            } else if (target < 2048 + 524_288) {
                int v = target - 2048;
                bytes.write(0x20 | 1 << 3 | (v >>> 16));
                bytes.write((v >>> 8) & 0xFF);
                bytes.write(v & 0xFF);
            } else if (target < 526_336 + 134_217_728) {
                int v = target - 526_336;
                bytes.write(0x20 | 2 << 3 | (v >>> 24));
                bytes.write((v >>> 16) & 0xFF);
                bytes.write((v >>> 8) & 0xFF);
                bytes.write(v & 0xFF);
            } else {
                bytes.write(0x20 | 3 << 3);
                bytes.write((target >>> 24) & 0xFF);
                bytes.write((target >>> 16) & 0xFF);
                bytes.write((target >>> 8) & 0xFF);
                bytes.write(target & 0xFF);
            }
        }

        /** Unsigned integers are big-endian without leading zero bytes; zero has no bytes at all. */
        private void unsigned(int type, BigInteger value) {
            byte[] raw = value.toByteArray();
            int start = 0;
            while (start < raw.length && raw[start] == 0) {
                start++;
            }
            control(type, raw.length - start);
            bytes.write(raw, start, raw.length - start);
        }

        /** Type in the top 3 bits (extended types: 0 there and type − 7 in the next byte), then the size. */
        private void control(int type, int size) {
            int sizeBits = size < 29 ? size : size < 285 ? 29 : size < 65_821 ? 30 : 31;
            if (type <= 7) {
                bytes.write(type << 5 | sizeBits);
            } else {
                bytes.write(sizeBits);
                bytes.write(type - 7);
            }
            if (sizeBits == 29) {
                bytes.write(size - 29);
            } else if (sizeBits == 30) {
                writeBigEndian(size - 285, 2);
            } else if (sizeBits == 31) {
                writeBigEndian(size - 65_821, 3);
            }
        }

        private void writeBigEndian(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                bytes.write((value >>> (8 * i)) & 0xFF);
            }
        }
    }
}
