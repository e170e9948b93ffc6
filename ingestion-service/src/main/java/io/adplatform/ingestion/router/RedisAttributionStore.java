package io.adplatform.ingestion.router;

import io.adplatform.common.kafka.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import tools.jackson.core.JacksonException;

/** {@code <prefix><appId>:<deviceKey>} → JSON {@link DeviceAttribution}, with a TTL. One MGET / one pipeline per batch. */
final class RedisAttributionStore implements AttributionStore {

    private static final Logger log = LoggerFactory.getLogger(RedisAttributionStore.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration ttl;

    RedisAttributionStore(StringRedisTemplate redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    @Override
    public Map<String, DeviceAttribution> findAll(List<String> appDeviceKeys) {
        Map<String, DeviceAttribution> found = new HashMap<>();
        if (appDeviceKeys.isEmpty()) {
            return found;
        }
        List<String> keys = new ArrayList<>(appDeviceKeys.size());
        appDeviceKeys.forEach(k -> keys.add(prefix + k));
        List<String> values = redis.opsForValue().multiGet(keys);
        if (values == null) {
            throw new IllegalStateException("no answer from Redis to MGET");
        }
        for (int i = 0; i < values.size(); i++) {
            String json = values.get(i);
            if (json != null) {
                try {
                    found.put(appDeviceKeys.get(i), EventJson.mapper().readValue(json, DeviceAttribution.class));
                } catch (JacksonException e) {
                    log.warn("unreadable device attribution under {}; treated as absent", keys.get(i));
                }
            }
        }
        return found;
    }

    @Override
    public void putAll(Map<String, DeviceAttribution> byAppDeviceKey) {
        Expiration expiration = Expiration.from(ttl);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Map.Entry<String, DeviceAttribution> e : byAppDeviceKey.entrySet()) {
                connection.stringCommands().set((prefix + e.getKey()).getBytes(StandardCharsets.UTF_8),
                        EventJson.mapper().writeValueAsBytes(e.getValue()), expiration,
                        RedisStringCommands.SetOption.upsert());
            }
            return null;
        });
    }
}
