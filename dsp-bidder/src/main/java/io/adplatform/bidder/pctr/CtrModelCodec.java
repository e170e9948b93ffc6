package io.adplatform.bidder.pctr;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The wire form of a {@link CtrModel} on {@code bidder.models}. A plain header — format byte, version (8 bytes), bits
 * (1 byte) — lets a bidder skip a version it already has without inflating anything; then, gzipped, the campaigns with
 * their training impressions and only the non-zero weights (FTRL's L1 zeroes most), as gaps between indices in
 * variable-length ints with the float bits. Even a model with every weight of bits = 20 non-zero stays near 5 MB, under
 * the topic's 16 MB record limit. The bidder's prior weight is not part of the model.
 */
public final class CtrModelCodec {

    static final byte FORMAT = 1;
    static final int HEADER_BYTES = 10;
    /** 2^24 + 1 floats (64 MB) is the largest model a bidder accepts, whatever a record claims. */
    static final int MAX_BITS = 24;
    private static final int BUFFER = 1 << 16;

    private CtrModelCodec() {
    }

    public static byte[] encode(CtrModel model) {
        if (model.bits() > MAX_BITS) {
            throw new IllegalArgumentException("bits above " + MAX_BITS);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        bytes.write(FORMAT);
        bytes.writeBytes(ByteBuffer.allocate(8).putLong(model.version()).array());
        bytes.write(model.bits());
        // closing a ByteArrayOutputStream does nothing, so the gzip stream may close it
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(new GZIPOutputStream(bytes, BUFFER), BUFFER))) {
            Map<String, Long> campaigns = new TreeMap<>(model.campaignImpressions());
            out.writeInt(campaigns.size());
            for (Map.Entry<String, Long> e : campaigns.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            float[] weights = model.weights();
            out.writeInt(model.nonZeroWeights());
            int previous = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0) {
                    writeVarInt(out, i - previous);
                    out.writeInt(Float.floatToRawIntBits(weights[i]));
                    previous = i;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The version of an encoded model, read from its header only. */
    public static long version(byte[] encoded) {
        checkHeader(encoded);
        return ByteBuffer.wrap(encoded, 1, 8).getLong();
    }

    /** Reads a model; a record that is not a well-formed model of this format is an {@link IllegalArgumentException}. */
    public static CtrModel decode(byte[] encoded) {
        checkHeader(encoded);
        long version = ByteBuffer.wrap(encoded, 1, 8).getLong();
        int bits = encoded[9];
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("model bits out of range: " + bits);
        }
        float[] weights = new float[(1 << bits) + 1];
        Map<String, Long> campaigns = new HashMap<>();
        InputStream body = new ByteArrayInputStream(encoded, HEADER_BYTES, encoded.length - HEADER_BYTES);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(body, BUFFER), BUFFER))) {
            int campaignCount = in.readInt();
            if (campaignCount < 0) {
                throw new IllegalArgumentException("negative campaign count");
            }
            for (int c = 0; c < campaignCount; c++) {
                String id = in.readUTF();
                long impressions = in.readLong();
                if (impressions < 0 || campaigns.put(id, impressions) != null) {
                    throw new IllegalArgumentException("bad impressions of campaign " + id);
                }
            }
            int nonZero = in.readInt();
            if (nonZero < 0 || nonZero > weights.length) {
                throw new IllegalArgumentException("non-zero weight count out of range: " + nonZero);
            }
            long index = -1;
            for (int k = 0; k < nonZero; k++) {
                index += readVarInt(in);
                if (index >= weights.length) {
                    throw new IllegalArgumentException("weight index out of range: " + index);
                }
                float w = Float.intBitsToFloat(in.readInt());
                if (!Float.isFinite(w)) {
                    throw new IllegalArgumentException("weight " + index + " is not finite");
                }
                weights[(int) index] = w;
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes after the weights");
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated model", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable model: " + e.getMessage(), e);
        }
        return new CtrModel(version, bits, weights, campaigns, CtrModel.DEFAULT_PRIOR_WEIGHT);
    }

    private static void checkHeader(byte[] encoded) {
        if (encoded == null || encoded.length < HEADER_BYTES) {
            throw new IllegalArgumentException("not a model: too short");
        }
        if (encoded[0] != FORMAT) {
            throw new IllegalArgumentException("unknown model format " + encoded[0]);
        }
    }

    private static void writeVarInt(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    /** A positive gap below 2^31, as written by {@link #writeVarInt}. */
    private static int readVarInt(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value <= 0) {
                    throw new IllegalArgumentException("bad weight index gap");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("weight index gap too long");
    }
}
