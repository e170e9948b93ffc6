package io.adplatform.ingestion.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link DedupStore} in Redis: {@code <prefix><appId>:<eventId>} holds {@code p:<token>} while pending and
 * {@code a} once written. Each step is one Lua script for the whole request, so a batch costs one round trip per
 * step, and a claim is atomic (SET NX, else read what is there).
 */
final class RedisDedupStore implements DedupStore {

    private static final String CONFIRMED = "a";

    /** ARGV: pending value, pending TTL ms. Returns per key: "c" claimed, else the value found ("" if it just expired). */
    private static final RedisScript<List> CLAIM = new DefaultRedisScript<>("""
            local out = {}
            for i, key in ipairs(KEYS) do
              if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
                out[i] = 'c'
              else
                out[i] = redis.call('GET', key) or ''
              end
            end
            return out
            """, List.class);

    /** ARGV: pending value, confirmed value, TTL ms. Only our own pending claims are confirmed. */
    private static final RedisScript<Long> CONFIRM = new DefaultRedisScript<>("""
            local n = 0
            for _, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[1] then
                redis.call('SET', key, ARGV[2], 'PX', ARGV[3])
                n = n + 1
              end
            end
            return n
            """, Long.class);

    /** ARGV: pending value. Only our own pending claims are deleted: never someone else's, never a written one. */
    private static final RedisScript<Long> RELEASE = new DefaultRedisScript<>("""
            local n = 0
            for _, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[1] then
                redis.call('DEL', key)
                n = n + 1
              end
            end
            return n
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final String ttlMillis;
    private final String pendingTtlMillis;

    RedisDedupStore(StringRedisTemplate redis, String prefix, Duration ttl, Duration pendingTtl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlMillis = Long.toString(ttl.toMillis());
        this.pendingTtlMillis = Long.toString(pendingTtl.toMillis());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Claim> claim(String appId, List<String> eventIds, String token) {
        List<Object> answers = redis.execute(CLAIM, keys(appId, eventIds), pending(token), pendingTtlMillis);
        if (answers == null || answers.size() != eventIds.size()) {
            throw new IllegalStateException("unexpected answer from Redis to the dedup claim");
        }
        List<Claim> claims = new ArrayList<>(answers.size());
        for (Object answer : answers) {
            String v = String.valueOf(answer);
            if (v.equals("c")) {
                claims.add(Claim.CLAIMED);
            } else if (v.equals(CONFIRMED)) {
                claims.add(Claim.SEEN);
            } else {
                claims.add(Claim.IN_FLIGHT); // pending elsewhere, or expired between SET and GET
            }
        }
        return claims;
    }

    @Override
    public void confirm(String appId, List<String> eventIds, String token) {
        if (!eventIds.isEmpty()) {
            redis.execute(CONFIRM, keys(appId, eventIds), pending(token), CONFIRMED, ttlMillis);
        }
    }

    @Override
    public void release(String appId, List<String> eventIds, String token) {
        if (!eventIds.isEmpty()) {
            redis.execute(RELEASE, keys(appId, eventIds), pending(token));
        }
    }

    String key(String appId, String eventId) {
        return prefix + appId + ':' + eventId;
    }

    private List<String> keys(String appId, List<String> eventIds) {
        List<String> keys = new ArrayList<>(eventIds.size());
        for (String id : eventIds) {
            keys.add(key(appId, id));
        }
        return keys;
    }

    private static String pending(String token) {
        return "p:" + token;
    }
}
