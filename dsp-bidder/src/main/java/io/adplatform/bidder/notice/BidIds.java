package io.adplatform.bidder.notice;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bid ids that cannot be forged and say when they expire: 8 random bytes and the expiry second, signed with an
 * HMAC-SHA256 (truncated to 12 bytes) under a key every bidder instance shares. A notice with a forged id is refused
 * before any lookup; an expired one without one either.
 */
public final class BidIds {

    public enum Check { VALID, FORGED, EXPIRED }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int BODY = 12;
    private static final int TAG = 12;

    private final ThreadLocal<Mac> macs;
    private final Clock clock;
    private final Duration ttl;

    public BidIds(String secret, Duration ttl, Clock clock) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 16) {
            throw new IllegalArgumentException("the bid id secret must have at least 16 bytes");
        }
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue() {
        ByteBuffer body = ByteBuffer.allocate(BODY);
        body.putLong(ThreadLocalRandom.current().nextLong());
        body.putInt((int) (clock.instant().plus(ttl).getEpochSecond()));
        byte[] b = body.array();
        byte[] id = new byte[BODY + TAG];
        System.arraycopy(b, 0, id, 0, BODY);
        System.arraycopy(tag(b), 0, id, BODY, TAG);
        return ENCODER.encodeToString(id);
    }

    public Check check(String bidId) {
        if (bidId == null || bidId.length() != 32) {
            return Check.FORGED;
        }
        byte[] id;
        try {
            id = DECODER.decode(bidId);
        } catch (IllegalArgumentException e) {
            return Check.FORGED;
        }
        byte[] body = java.util.Arrays.copyOf(id, BODY);
        byte[] tag = java.util.Arrays.copyOfRange(id, BODY, BODY + TAG);
        if (!MessageDigest.isEqual(tag, tag(body))) {
            return Check.FORGED;
        }
        long expires = Integer.toUnsignedLong(ByteBuffer.wrap(body).getInt(8));
        return clock.instant().getEpochSecond() > expires ? Check.EXPIRED : Check.VALID;
    }

    public Duration ttl() {
        return ttl;
    }

    private byte[] tag(byte[] body) {
        Mac mac = macs.get();
        byte[] full = mac.doFinal(body);
        return java.util.Arrays.copyOf(full, TAG);
    }
}
