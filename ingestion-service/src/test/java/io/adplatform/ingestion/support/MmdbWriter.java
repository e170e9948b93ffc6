package io.adplatform.ingestion.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A minimal MaxMind DB writer for tests, after the public format spec (https://maxmind.github.io/MaxMind-DB/):
 * an IPv6 binary search tree with 24-bit records (IPv4 networks live under ::/96), a 16-byte separator, a data section
 * of encoded maps, then the metadata after the {@code \xAB\xCD\xEFMaxMind.com} marker. It writes real files that
 * the real reader opens, so lookups in tests exercise the production code path without any download.
 */
public final class MmdbWriter {

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private final String databaseType;
    private final Node root = new Node();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    public MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    private static final class Node {
        final Object[] children = new Object[2]; // Node, DataRef or null (no data)
    }

    private record DataRef(int offset) {
    }

    /** Maps a network ("81.2.69.0/24", "2001:db8::/32") to a record (maps, strings, numbers, lists). */
    public MmdbWriter add(String cidr, Map<String, ?> record) throws IOException {
        String[] parts = cidr.split("/");
        byte[] address = InetAddress.getByName(parts[0]).getAddress();
        int prefix = Integer.parseInt(parts[1]);
        byte[] v6 = address;
        if (address.length == 4) {
            v6 = new byte[16];
            System.arraycopy(address, 0, v6, 12, 4);
            prefix += 96;
        }
        int offset = data.size();
        data.writeBytes(encode(record));
        Node node = root;
        for (int i = 0; i < prefix; i++) {
            int bit = (v6[i / 8] >> (7 - i % 8)) & 1;
            if (i == prefix - 1) {
                node.children[bit] = new DataRef(offset);
            } else {
                if (!(node.children[bit] instanceof Node)) {
                    node.children[bit] = new Node();
                }
                node = (Node) node.children[bit];
            }
        }
        return this;
    }

    public Path write(Path file) throws IOException {
        // number the nodes breadth first
        List<Node> order = new ArrayList<>();
        Map<Node, Integer> index = new IdentityHashMap<>();
        Queue<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node n = queue.remove();
            index.put(n, order.size());
            order.add(n);
            for (Object child : n.children) {
                if (child instanceof Node c) {
                    queue.add(c);
                }
            }
        }
        int nodeCount = order.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : order) {
            for (Object child : n.children) {
                long value;
                if (child instanceof Node c) {
                    value = index.get(c);
                } else if (child instanceof DataRef ref) {
                    value = nodeCount + 16L + ref.offset();
                } else {
                    value = nodeCount; // no data
                }
                out.write((int) (value >> 16) & 0xFF);
                out.write((int) (value >> 8) & 0xFF);
                out.write((int) value & 0xFF);
            }
        }
        out.write(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", BigInteger.valueOf(System.currentTimeMillis() / 1000));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "test database"));
        metadata.put("ip_version", new Uint16(6));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", new Uint16(24));
        out.writeBytes(encode(metadata));
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Marks a value to be written as uint16 (the metadata requires that type for some keys). */
    public record Uint16(int value) {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof Map<?, ?> map) {
            control(out, 7, map.size());
            map.forEach((k, v) -> {
                write(out, k.toString());
                write(out, v);
            });
        } else if (value instanceof Uint16 u) {
            writeUnsigned(out, 5, BigInteger.valueOf(u.value()));
        } else if (value instanceof Long || value instanceof Integer) {
            writeUnsigned(out, 6, BigInteger.valueOf(((Number) value).longValue()));
        } else if (value instanceof BigInteger big) {
            writeUnsigned(out, 9, big);
        } else if (value instanceof List<?> list) {
            control(out, 11, list.size());
            list.forEach(v -> write(out, v));
        } else if (value instanceof Boolean b) {
            control(out, 14, b ? 1 : 0);
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void writeUnsigned(ByteArrayOutputStream out, int type, BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = 0;
        while (start < bytes.length && bytes[start] == 0) {
            start++; // minimal big-endian form; zero takes no bytes
        }
        control(out, type, bytes.length - start);
        out.write(bytes, start, bytes.length - start);
    }

    /** Control byte: type in the top 3 bits (extended types: 0 there and type-7 in the next byte), then the size. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits;
        byte[] extra;
        if (size < 29) {
            sizeBits = size;
            extra = new byte[0];
        } else if (size < 29 + 256) {
            sizeBits = 29;
            extra = new byte[] {(byte) (size - 29)};
        } else if (size < 285 + 65_536) {
            sizeBits = 30;
            int s = size - 285;
            extra = new byte[] {(byte) (s >> 8), (byte) s};
        } else {
            sizeBits = 31;
            int s = size - 65_821;
            extra = new byte[] {(byte) (s >> 16), (byte) (s >> 8), (byte) s};
        }
        if (type <= 7) {
            out.write((type << 5) | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.writeBytes(extra);
    }
}
