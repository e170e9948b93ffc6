package io.adplatform.bidder.budget;

import io.adplatform.bidder.redis.RedisScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The shared budget books in Redis: spend per campaign per day and for its lifetime, and the leases that let each
 * bidder instance spend without asking. Invariant kept by the lease script (atomic per campaign): the day's spend plus
 * the unused part of every live lease never exceeds the daily budget, nor (with lifetime spend) the total budget; only
 * wins of bids already made can push spend past it. A lease lives while its instance renews it; one not renewed within
 * the lease TTL is reset to what its instance spent, and its unused part goes back to the pool.
 *
 * <p>Keys, all of a campaign under one hash tag so the scripts stay valid on a cluster: {@code <prefix>bud:{c}:d:<day>}
 * (hash: {@code spend}; per instance {@code l:} lease, {@code s:} spend, {@code w:} wins), {@code <prefix>bud:{c}:l:<day>}
 * (sorted set: live leases by expiry), {@code <prefix>bud:{c}:t} (lifetime spend) and {@code <prefix>bud:{c}:n:<notice>}
 * (a win notice already counted). Leases are per day: around midnight an instance still spending yesterday's lease can
 * overrun the lifetime budget by at most that lease. Expiry decisions use the callers' clocks, which must agree to well
 * within the lease TTL. Money in micros.
 */
public final class BudgetStore {

    /**
     * @param keyPrefix      prefix of every key (e.g. {@code bid:})
     * @param dayZone        the zone whose midnight starts a budget day
     * @param leaseTtl       a lease not renewed for this long is taken back
     * @param minChunkMicros when little budget is left, a grant is the pool's share per live instance, but not less
     *                       than this (nor more than what is left)
     * @param winDedupTtl    how long a win notice id is remembered; a repeat after that would count again
     * @param dayRetention   how long the daily books are kept after their last write
     */
    public record Settings(String keyPrefix, ZoneId dayZone, Duration leaseTtl, long minChunkMicros,
                           Duration winDedupTtl, Duration dayRetention) {
    }

    /** What an instance wants for one campaign at a refresh. */
    public record LeaseRequest(String campaignId, long dailyMicros, long totalMicros, long wantMicros) {
    }

    /**
     * One campaign's books after a lease call.
     *
     * @param leasedMicros        this instance's lease for the day (cumulative: spend counts against it)
     * @param instanceSpendMicros what this instance's wins cost today
     * @param instanceWins        how many wins that was
     * @param daySpendMicros      the campaign's spend today, all instances
     * @param totalSpendMicros    the campaign's lifetime spend
     * @param grantedMicros       what this call added to the lease
     * @param otherInstances      other instances holding a live lease
     * @param validUntilMillis    the lease is void after this unless renewed
     */
    public record Lease(long leasedMicros, long instanceSpendMicros, long instanceWins, long daySpendMicros,
                        long totalSpendMicros, long grantedMicros, int otherInstances, long validUntilMillis) {

        public boolean exhausted(long dailyMicros, long totalMicros) {
            return dailyMicros > 0 && daySpendMicros >= dailyMicros || totalMicros > 0 && totalSpendMicros >= totalMicros;
        }
    }

    private static final RedisScript LEASE = new RedisScript("""
            local day, leases, totalKey = KEYS[1], KEYS[2], KEYS[3]
            local inst, now, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
            local daily, total, want = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
            local minChunk, retention = tonumber(ARGV[7]), tonumber(ARGV[8])
            local function num(v) return tonumber(v) or 0 end
            for _, dead in ipairs(redis.call('ZRANGEBYSCORE', leases, '-inf', now)) do
              redis.call('HSET', day, 'l:' .. dead, redis.call('HGET', day, 's:' .. dead) or '0')
              redis.call('ZREM', leases, dead)
            end
            local others, unused = 0, 0
            for _, m in ipairs(redis.call('ZRANGE', leases, 0, -1)) do
              if m ~= inst then
                others = others + 1
                local v = redis.call('HMGET', day, 'l:' .. m, 's:' .. m)
                unused = unused + math.max(0, num(v[1]) - num(v[2]))
              end
            end
            local own = redis.call('HMGET', day, 'l:' .. inst, 's:' .. inst, 'w:' .. inst, 'spend')
            local spent, daySpend = num(own[2]), num(own[4])
            local leased = num(own[1])
            if not redis.call('ZSCORE', leases, inst) then leased = spent end
            local totalSpend = num(redis.call('GET', totalKey))
            local committed = unused + math.max(0, leased - spent)
            local limited = daily > 0 or total > 0
            local avail = 0
            if daily > 0 then avail = daily - daySpend - committed end
            if total > 0 then
              local t = total - totalSpend - committed
              if daily <= 0 or t < avail then avail = t end
            end
            local grant = want
            if limited then
              avail = math.max(0, avail)
              grant = math.min(want, avail)
              if others > 0 then
                grant = math.min(grant, math.max(math.min(minChunk, avail), math.floor(avail / (others + 1))))
              end
            end
            leased = leased + grant
            redis.call('HSET', day, 'l:' .. inst, string.format('%d', leased))
            redis.call('ZADD', leases, now + ttl, inst)
            redis.call('PEXPIRE', day, retention)
            redis.call('PEXPIRE', leases, retention)
            return {leased, spent, num(own[3]), daySpend, totalSpend, grant, others}
            """);

    private static final RedisScript WIN = new RedisScript("""
            if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then return 0 end
            local cost = tonumber(ARGV[2])
            redis.call('HINCRBY', KEYS[2], 'spend', cost)
            redis.call('HINCRBY', KEYS[2], 's:' .. ARGV[1], cost)
            redis.call('HINCRBY', KEYS[2], 'w:' .. ARGV[1], 1)
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            redis.call('INCRBY', KEYS[3], cost)
            return 1
            """);

    private static final RedisScript RELEASE = new RedisScript("""
            redis.call('HSET', KEYS[1], 'l:' .. ARGV[1], redis.call('HGET', KEYS[1], 's:' .. ARGV[1]) or '0')
            return redis.call('ZREM', KEYS[2], ARGV[1])
            """);

    private final RedisAsyncCommands<String, String> redis;
    private final Settings settings;

    public BudgetStore(StatefulRedisConnection<String, String> connection, Settings settings) {
        this.redis = connection.async();
        this.settings = settings;
    }

    /** Renews this instance's lease on the campaign and adds up to {@code wantMicros} to it, as the budgets allow. */
    public CompletionStage<Lease> lease(String instanceId, LeaseRequest request, Instant now) {
        String c = request.campaignId();
        String day = day(now);
        long nowMillis = now.toEpochMilli();
        return LEASE.<List<Object>>run(redis, ScriptOutputType.MULTI,
                        new String[] {dayKey(c, day), leasesKey(c, day), totalKey(c)},
                        instanceId, Long.toString(nowMillis), Long.toString(settings.leaseTtl().toMillis()),
                        Long.toString(request.dailyMicros()), Long.toString(request.totalMicros()),
                        Long.toString(Math.max(0, request.wantMicros())), Long.toString(settings.minChunkMicros()),
                        Long.toString(settings.dayRetention().toMillis()))
                .thenApply(r -> new Lease(n(r, 0), n(r, 1), n(r, 2), n(r, 3), n(r, 4), n(r, 5), (int) n(r, 6),
                        nowMillis + settings.leaseTtl().toMillis()));
    }

    /**
     * Renews (and where asked, grows) the leases of every campaign in one pipelined batch: the calls go out together
     * on the shared connection and the answers come back in one round trip.
     *
     * @return campaign id → its books; a campaign whose call failed is missing
     */
    public CompletionStage<Map<String, Lease>> refresh(String instanceId, Collection<LeaseRequest> requests,
                                                       Instant now) {
        List<CompletableFuture<Lease>> calls = new ArrayList<>(requests.size());
        for (LeaseRequest r : requests) {
            calls.add(lease(instanceId, r, now).toCompletableFuture().exceptionally(e -> null));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Lease> result = new LinkedHashMap<>();
            int i = 0;
            for (LeaseRequest r : requests) {
                Lease lease = calls.get(i++).join();
                if (lease != null) {
                    result.put(r.campaignId(), lease);
                }
            }
            return result;
        });
    }

    /**
     * Counts a win once per notice id (an exchange may call twice): adds its cost to the campaign's spend of the day
     * of {@code at} and lifetime, and to the spend of the instance that made the bid.
     *
     * @param priceMicros the clearing price, CPM micros as the exchange reports it; the win costs price / 1000
     * @return true if counted now, false if the notice had been counted before
     */
    public CompletionStage<Boolean> recordWin(String winNoticeId, String campaignId, String instanceId,
                                              long priceMicros, Instant at) {
        String day = day(at);
        return WIN.<Long>run(redis, ScriptOutputType.INTEGER,
                new String[] {key(campaignId) + ":n:" + winNoticeId, dayKey(campaignId, day), totalKey(campaignId)},
                instanceId, Long.toString(BudgetLedger.cost(priceMicros)),
                Long.toString(settings.winDedupTtl().toMillis()), Long.toString(settings.dayRetention().toMillis()))
                .thenApply(counted -> counted == 1L);
    }

    /** Gives the unused part of this instance's lease back to the pool (the campaign stopped, or the instance does). */
    public CompletionStage<Void> release(String instanceId, String campaignId, Instant now) {
        String day = day(now);
        return RELEASE.<Long>run(redis, ScriptOutputType.INTEGER,
                new String[] {dayKey(campaignId, day), leasesKey(campaignId, day)}, instanceId).thenApply(x -> null);
    }

    /** The budget day {@code at} falls in, as used in the keys ({@code yyyyMMdd}). */
    public String day(Instant at) {
        return LocalDate.ofInstant(at, settings.dayZone()).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private String key(String campaignId) {
        return settings.keyPrefix() + "bud:{" + campaignId + "}";
    }

    private String dayKey(String campaignId, String day) {
        return key(campaignId) + ":d:" + day;
    }

    private String leasesKey(String campaignId, String day) {
        return key(campaignId) + ":l:" + day;
    }

    private String totalKey(String campaignId) {
        return key(campaignId) + ":t";
    }

    private static long n(List<Object> reply, int i) {
        return ((Number) reply.get(i)).longValue();
    }
}
