package io.adplatform.attribution.log;

import io.adplatform.common.event.Partner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code callback_log}: the delivery ledger and the operator's log. Claims and outcomes work on whole batches
 * (one multi-row statement each), so the database costs a few round trips per Kafka poll, not per event.
 *
 * <p>Claim protocol: a worker claims rows by writing its claim token and a lease; it may send only for rows whose
 * token is its own. A row that is not final and whose lease has run out (its worker died, or its retry is due) can be
 * taken over by the next worker that looks. Outcomes are written only where the token still matches.
 */
@Repository
public class CallbackLog {

    static final int CHUNK = 500;
    private static final String COLUMNS = "c.id, c.event_id, c.partner, c.product_id, c.event_type, "
            + "c.partner_event_name, c.include_revenue, c.event_time, c.status, c.attempts, c.replays, c.claim, "
            + "c.lease_until, c.last_error";
    /** The event's JSON only for rows this claim holds: the others need no payload. */
    private static final String CLAIMED = "SELECT " + COLUMNS + ", c.claim <=> ? AS mine, "
            + "IF(c.claim <=> ?, e.event_json, NULL) FROM callback_log c LEFT JOIN attribution_event e "
            + "ON e.event_id = c.event_id WHERE ";
    /** Claim read-back for new events: the caller holds the events, so no payload. */
    private static final String CLAIMED_NO_EVENT = "SELECT " + COLUMNS + ", c.claim <=> ? AS mine, NULL "
            + "FROM callback_log c WHERE ";
    private static final String ENTRY_COLUMNS = "id, event_id, product_id, partner, event_type, event_name, "
            + "partner_event_name, status, attempts, replays, last_http_status, last_latency_ms, last_error, "
            + "partner_response, event_time, created_at, updated_at, next_attempt_at, delivered_at";

    private final JdbcTemplate jdbc;

    CallbackLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the callbacks that are not in the ledger yet (held by {@code claim} until {@code leaseUntil}), takes over
     * any of them whose earlier holder's lease ran out, and reads all of them back. Call inside a transaction.
     */
    public List<LedgerRow> claimNew(List<NewCallback> callbacks, String claim, Instant leaseUntil, Instant now) {
        if (callbacks.isEmpty()) {
            return List.of();
        }
        // A stable order keeps concurrent batches from locking the unique index in opposite orders.
        List<NewCallback> sorted = callbacks.stream().sorted(Comparator.comparing(NewCallback::key)).toList();
        List<NewCallback> events = new ArrayList<>(sorted.stream()
                .collect(java.util.stream.Collectors.toMap(NewCallback::eventId, c -> c, (a, b) -> a,
                        java.util.LinkedHashMap::new)).values());
        for (int from = 0; from < events.size(); from += CHUNK) {
            insertEvents(events.subList(from, Math.min(events.size(), from + CHUNK)), now);
        }
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            insertIgnore(sorted.subList(from, Math.min(sorted.size(), from + CHUNK)), claim, leaseUntil, now);
        }
        List<LedgerRow> rows = new ArrayList<>(callbacks.size());
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            List<NewCallback> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
            String eventIds = placeholders(chunk.size());
            String pairs = pairPlaceholders(chunk.size());
            List<Object> args = new ArrayList<>();
            args.add(claim);
            args.add(utc(leaseUntil));
            args.add(utc(now));
            chunk.forEach(c -> args.add(c.eventId()));
            args.add(utc(now));
            chunk.forEach(c -> {
                args.add(c.eventId());
                args.add(c.partner().name());
            });
            jdbc.update("UPDATE callback_log SET claim = ?, lease_until = ?, status = 'PENDING', updated_at = ? "
                    + "WHERE event_id IN (" + eventIds + ") AND status IN ('PENDING', 'RETRY_SCHEDULED') "
                    + "AND lease_until <= ? AND (event_id, partner) IN (" + pairs + ")", args.toArray());
            List<Object> select = new ArrayList<>();
            select.add(claim);
            chunk.forEach(c -> select.add(c.eventId()));
            java.util.Set<String> wanted = chunk.stream().map(NewCallback::key).collect(java.util.stream.Collectors.toSet());
            jdbc.query(CLAIMED_NO_EVENT + "c.event_id IN (" + eventIds + ")", rs -> {
                LedgerRow row = row(rs);
                if (wanted.contains(row.key())) {
                    rows.add(row);
                }
            }, select.toArray());
        }
        return rows;
    }

    /** Claims rows by id for due retry tasks (those not final whose lease ran out) and reads them back. Call inside a transaction. */
    public List<LedgerRow> claimExisting(Collection<Long> ids, String claim, Instant leaseUntil, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> sorted = ids.stream().distinct().sorted().toList();
        List<LedgerRow> rows = new ArrayList<>(sorted.size());
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
            String in = placeholders(chunk.size());
            List<Object> args = new ArrayList<>(List.of(claim, utc(leaseUntil), utc(now)));
            args.addAll(chunk);
            args.add(utc(now));
            jdbc.update("UPDATE callback_log SET claim = ?, lease_until = ?, status = 'PENDING', updated_at = ? "
                    + "WHERE id IN (" + in + ") AND status IN ('PENDING', 'RETRY_SCHEDULED') AND lease_until <= ?",
                    args.toArray());
            List<Object> select = new ArrayList<>(List.of(claim, claim));
            select.addAll(chunk);
            jdbc.query(CLAIMED + "c.id IN (" + in + ")", rs -> {
                rows.add(row(rs));
            }, select.toArray());
        }
        return rows;
    }

    /**
     * Writes outcomes where {@code claim} still holds the row. Returns the ids whose claim had been lost (another worker
     * took the row over after our lease ran out), which callers count and log.
     */
    public List<Long> record(List<Outcome> outcomes, String claim, Instant now) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        List<Outcome> sorted = outcomes.stream().sorted(Comparator.comparingLong(Outcome::id)).toList();
        List<Long> lost = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            List<Outcome> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
            int matched = recordChunk(chunk, claim, now);
            if (matched < chunk.size()) {
                lost.addAll(notRecorded(chunk, now));
            }
        }
        return lost;
    }

    /**
     * One UPDATE for the whole chunk, joined to a derived table of the new values: a single statement instead of one
     * per row. Only rows still held by {@code claim} change. Returns the rows matched (the driver reports found rows).
     */
    private int recordChunk(List<Outcome> chunk, String claim, Instant now) {
        StringJoiner rows = new StringJoiner(" UNION ALL ");
        List<Object> args = new ArrayList<>(chunk.size() * 11 + 2);
        boolean first = true;
        for (Outcome o : chunk) {
            rows.add(first ? "SELECT ? AS id, ? AS status, ? AS attempted, ? AS lease_until, ? AS next_attempt_at, "
                    + "? AS http_status, ? AS latency_ms, ? AS response, ? AS error"
                    : "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?");
            first = false;
            args.add(o.id());
            args.add(o.status().name());
            args.add(o.attempted() ? 1 : 0);
            args.add(utc(o.leaseUntil() != null ? o.leaseUntil() : now));
            args.add(o.nextAttemptAt() == null ? null : utc(o.nextAttemptAt()));
            args.add(o.httpStatus());
            args.add(o.latencyMs());
            args.add(truncate(o.partnerResponse(), 2000));
            args.add(truncate(o.lastError(), 1000));
        }
        args.add(utc(now));
        args.add(utc(now));
        args.add(claim);
        return jdbc.update("UPDATE callback_log c JOIN (" + rows + ") v ON c.id = v.id SET "
                + "c.status = v.status, c.attempts = c.attempts + v.attempted, c.claim = NULL, "
                + "c.lease_until = v.lease_until, c.next_attempt_at = v.next_attempt_at, "
                + "c.last_http_status = IF(v.attempted = 1, v.http_status, c.last_http_status), "
                + "c.last_latency_ms = IF(v.attempted = 1, v.latency_ms, c.last_latency_ms), "
                + "c.partner_response = IF(v.attempted = 1, v.response, c.partner_response), c.last_error = v.error, "
                + "c.delivered_at = IF(v.status = 'DELIVERED', ?, c.delivered_at), c.updated_at = ? "
                + "WHERE c.claim = ?", args.toArray());
    }

    /** The ids of a chunk whose outcome did not land (their claim had been taken over): rare, so a second look. */
    private List<Long> notRecorded(List<Outcome> chunk, Instant now) {
        List<Long> ids = chunk.stream().map(Outcome::id).toList();
        java.util.Set<Long> written = new java.util.HashSet<>(jdbc.queryForList("SELECT id FROM callback_log WHERE id IN ("
                + placeholders(ids.size()) + ") AND claim IS NULL AND updated_at = ?", Long.class,
                java.util.stream.Stream.concat(ids.stream().map(Object.class::cast), java.util.stream.Stream.of(utc(now)))
                        .toArray()));
        return ids.stream().filter(id -> !written.contains(id)).toList();
    }

    public Optional<CallbackEntry> find(long id) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + ", (SELECT e.event_json FROM attribution_event e "
                        + "WHERE e.event_id = callback_log.event_id) FROM callback_log WHERE id = ?",
                (rs, i) -> entry(rs, true), id).stream().findFirst();
    }

    public CallbackPage search(CallbackSearch s) {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + " FROM callback_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (s.productId() != null) {
            sql.append(" AND product_id = ?");
            args.add(s.productId());
        }
        if (s.partner() != null) {
            sql.append(" AND partner = ?");
            args.add(s.partner().name());
        }
        if (s.status() != null) {
            sql.append(" AND status = ?");
            args.add(s.status().name());
        }
        if (s.eventId() != null) {
            sql.append(" AND event_id = ?");
            args.add(s.eventId());
        }
        if (s.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(utc(s.from()));
        }
        if (s.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(utc(s.to()));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        args.add(s.size() + 1);
        args.add((long) s.page() * s.size());
        List<CallbackEntry> items = new ArrayList<>(jdbc.query(sql.toString(), (rs, i) -> entry(rs, false), args.toArray()));
        boolean more = items.size() > s.size();
        if (more) {
            items.remove(items.size() - 1);
        }
        return new CallbackPage(items, s.page(), s.size(), more);
    }

    /** Locks a row for a replay decision (inside a transaction) and returns its status. */
    Optional<CallbackStatus> lockStatus(long id) {
        return jdbc.query("SELECT status FROM callback_log WHERE id = ? FOR UPDATE",
                (rs, i) -> CallbackStatus.valueOf(rs.getString(1)), id).stream().findFirst();
    }

    /** A dead letter back to PENDING, free for the replay task to claim at once. */
    void markReplayed(long id, Instant now) {
        jdbc.update("UPDATE callback_log SET status = 'PENDING', claim = NULL, lease_until = ?, next_attempt_at = ?, "
                + "replays = replays + 1, updated_at = ? WHERE id = ?", utc(now), utc(now), utc(now), id);
    }

    /** Counts rows per status (for the operator's gauges); cheap enough every few seconds thanks to the status index. */
    public long countByStatus(CallbackStatus status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM callback_log WHERE status = ?", Long.class, status.name());
        return n == null ? 0L : n;
    }

    private void insertEvents(List<NewCallback> chunk, Instant now) {
        StringJoiner values = new StringJoiner(", ");
        List<Object> args = new ArrayList<>(chunk.size() * 4);
        for (NewCallback c : chunk) {
            values.add("(?, ?, ?, ?)");
            args.add(c.eventId());
            args.add(c.productId());
            args.add(c.eventJson());
            args.add(utc(now));
        }
        jdbc.update("INSERT IGNORE INTO attribution_event (event_id, product_id, event_json, created_at) VALUES "
                + values, args.toArray());
    }

    private void insertIgnore(List<NewCallback> chunk, String claim, Instant leaseUntil, Instant now) {
        StringJoiner values = new StringJoiner(", ");
        List<Object> args = new ArrayList<>(chunk.size() * 16);
        for (NewCallback c : chunk) {
            values.add("(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)");
            args.add(c.eventId());
            args.add(c.partner().name());
            args.add(c.productId());
            args.add(c.eventType());
            args.add(c.eventName());
            args.add(c.partnerEventName());
            args.add(c.includeRevenue());
            args.add(utc(c.eventTime()));
            args.add(c.status().name());
            args.add(claim);
            args.add(utc(c.status().isFinal() ? now : leaseUntil));
            args.add(truncate(c.reason(), 1000));
            args.add(utc(now));
            args.add(utc(now));
        }
        jdbc.update("INSERT IGNORE INTO callback_log (event_id, partner, product_id, event_type, event_name, "
                + "partner_event_name, include_revenue, event_time, status, attempts, replays, claim, lease_until, "
                + "last_error, created_at, updated_at) VALUES " + values, args.toArray());
    }

    private static LedgerRow row(ResultSet rs) throws SQLException {
        return new LedgerRow(rs.getLong(1), rs.getString(2), Partner.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), instant(rs, 8),
                CallbackStatus.valueOf(rs.getString(9)), rs.getInt(10), rs.getInt(11), rs.getBoolean(15),
                instant(rs, 13), rs.getString(14), rs.getString(16));
    }

    private static CallbackEntry entry(ResultSet rs, boolean withEvent) throws SQLException {
        return new CallbackEntry(rs.getLong(1), rs.getString(2), rs.getString(3), Partner.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), CallbackStatus.valueOf(rs.getString(8)), rs.getInt(9),
                rs.getInt(10), (Integer) rs.getObject(11, Integer.class), (Long) rs.getObject(12, Long.class),
                rs.getString(13), rs.getString(14), instant(rs, 15), instant(rs, 16), instant(rs, 17), instant(rs, 18),
                instant(rs, 19), withEvent ? rs.getString(20) : null);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static LocalDateTime utc(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String pairPlaceholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "(?, ?)"));
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

}
