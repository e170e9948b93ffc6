package io.adplatform.dplink.counting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The click counters and what the counters need to see, in Redis:
 * <ul>
 *   <li>{@code <prefix>clicks} — hash, link id → clicks counted;</li>
 *   <li>{@code <prefix>offsets} — hash, {@code topic:partition} → the last offset counted, written in the same script
 *       as the counts, so a batch redelivered after a crash or a rebalance is counted once;</li>
 *   <li>{@code <prefix>serving} — hash, link id → {@link ServingEntry} of each serving link;</li>
 *   <li>{@code <prefix>click:<source>:<click id>} — dedup marks, when dedup is on;</li>
 *   <li>{@code <prefix>trigger:<ad>:<generation>} — "a replacement task was raised for this round".</li>
 * </ul>
 * The script touches keys it is not given (dedup marks), so it needs one Redis, not a cluster.
 */
@Component
public class ClickStore {

    /**
     * One partition's batch. ARGV: partition field, dedup ttl seconds (0 = off), dedup prefix, then per record
     * offset, link id, dedup key. Answers {duplicates, already counted, then link, total, serving entry for every
     * touched link that serves}.
     */
    static final String COUNT = """
            local applied = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '-1')
            local ttl = tonumber(ARGV[2])
            local deltas, order = {}, {}
            local last, dups, again = applied, 0, 0
            for i = 4, #ARGV, 3 do
              local off, link = tonumber(ARGV[i]), ARGV[i + 1]
              if deltas[link] == nil then deltas[link] = 0; order[#order + 1] = link end
              if off > applied then
                if ttl == 0 or redis.call('SET', ARGV[3] .. ARGV[i + 2], '1', 'NX', 'EX', ttl) then
                  deltas[link] = deltas[link] + 1
                else
                  dups = dups + 1
                end
                if off > last then last = off end
              else
                again = again + 1
              end
            end
            local out = {dups, again}
            for _, link in ipairs(order) do
              local total
              if deltas[link] > 0 then
                total = redis.call('HINCRBY', KEYS[1], link, deltas[link])
              else
                total = tonumber(redis.call('HGET', KEYS[1], link) or '0')
              end
              local s = redis.call('HGET', KEYS[3], link)
              if s then out[#out + 1] = link; out[#out + 1] = total; out[#out + 1] = s end
            end
            if last > applied then redis.call('HSET', KEYS[2], ARGV[1], last) end
            return out
            """;

    /** Writes a serving entry unless a newer generation of the same ad is already there. */
    static final String PUT_SERVING = """
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if cur then
              local gen = tonumber(string.match(cur, '|(%d+)|'))
              if gen > tonumber(ARGV[3]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNT_SCRIPT = new DefaultRedisScript<>(COUNT, List.class);
    private static final RedisScript<Long> PUT_SERVING_SCRIPT = new DefaultRedisScript<>(PUT_SERVING, Long.class);

    private final StringRedisTemplate redis;
    private final String clicksKey;
    private final String offsetsKey;
    private final String servingKey;
    private final String prefix;
    private final long dedupTtlSeconds;

    public ClickStore(StringRedisTemplate redis, CountingProperties properties) {
        this.redis = redis;
        this.prefix = properties.keyPrefix();
        this.clicksKey = prefix + "clicks";
        this.offsetsKey = prefix + "offsets";
        this.servingKey = prefix + "serving";
        this.dedupTtlSeconds = properties.dedup() ? Math.max(1, properties.dedupWindow().toSeconds()) : 0;
    }

    public record Counted(int duplicates, int alreadyCounted, List<CountedLink> serving) {
    }

    /** Counts one partition's clicks exactly once, and answers the serving links among them with their new totals. */
    @SuppressWarnings("unchecked")
    public Counted count(String topic, int partition, List<Click> clicks) {
        String[] args = new String[3 + clicks.size() * 3];
        args[0] = topic + ':' + partition;
        args[1] = Long.toString(dedupTtlSeconds);
        args[2] = prefix + "click:";
        int i = 3;
        for (Click c : clicks) {
            args[i++] = Long.toString(c.offset());
            args[i++] = Long.toString(c.linkId());
            args[i++] = c.dedupKey();
        }
        List<Object> out = redis.execute(COUNT_SCRIPT, List.of(clicksKey, offsetsKey, servingKey), (Object[]) args);
        List<CountedLink> serving = new ArrayList<>((out.size() - 2) / 3);
        for (int j = 2; j + 2 < out.size(); j += 3) {
            long link = Long.parseLong(out.get(j).toString());
            serving.add(new CountedLink(link, asLong(out.get(j + 1)),
                    ServingEntry.decode(link, out.get(j + 2).toString())));
        }
        return new Counted((int) asLong(out.get(0)), (int) asLong(out.get(1)), serving);
    }

    public Map<Long, Long> counts(Collection<Long> linkIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (linkIds.isEmpty()) {
            return counts;
        }
        List<Object> fields = linkIds.stream().map(id -> (Object) Long.toString(id)).toList();
        List<Object> values = redis.opsForHash().multiGet(clicksKey, fields);
        int i = 0;
        for (Long id : linkIds) {
            Object v = values.get(i++);
            counts.put(id, v == null ? 0L : Long.parseLong(v.toString()));
        }
        return counts;
    }

    public long count(long linkId) {
        return counts(List.of(linkId)).get(linkId);
    }

    public Map<Long, ServingEntry> serving() {
        Map<Long, ServingEntry> all = new HashMap<>();
        redis.<String, String>opsForHash().entries(servingKey).forEach((k, v) -> {
            long link = Long.parseLong(k);
            all.put(link, ServingEntry.decode(link, v));
        });
        return all;
    }

    /** The serving entries of these links (those that have one). */
    public Map<Long, ServingEntry> serving(Collection<Long> linkIds) {
        Map<Long, ServingEntry> found = new HashMap<>();
        if (linkIds.isEmpty()) {
            return found;
        }
        List<Object> fields = linkIds.stream().map(id -> (Object) Long.toString(id)).toList();
        List<Object> values = redis.opsForHash().multiGet(servingKey, fields);
        int i = 0;
        for (Long id : linkIds) {
            Object v = values.get(i++);
            if (v != null) {
                found.put(id, ServingEntry.decode(id, v.toString()));
            }
        }
        return found;
    }

    public boolean putServing(ServingEntry entry) {
        Long r = redis.execute(PUT_SERVING_SCRIPT, List.of(servingKey), Long.toString(entry.linkId()), entry.encode(),
                Long.toString(entry.generation()));
        return r != null && r == 1L;
    }

    public void removeServing(Collection<Long> linkIds) {
        if (!linkIds.isEmpty()) {
            redis.opsForHash().delete(servingKey, linkIds.stream().map(id -> (Object) Long.toString(id)).toArray());
        }
    }

    /** True for the first caller in a round: the one that raises the replacement task. */
    public boolean claimTrigger(String adId, long generation, Duration hold) {
        Boolean set = redis.opsForValue().setIfAbsent(prefix + "trigger:" + adId + ':' + generation, "1", hold);
        return Boolean.TRUE.equals(set);
    }

    public void releaseTrigger(String adId, long generation) {
        redis.delete(prefix + "trigger:" + adId + ':' + generation);
    }

    private static long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : Long.parseLong(o.toString());
    }
}
