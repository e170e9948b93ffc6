package io.adplatform.dplink.ads;

import io.adplatform.dplink.dsp.Dsp;
import io.adplatform.dplink.pool.LinkState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pools in MariaDB/MySQL: ads, their links, their rotation steps and the parked tasks. Times are stored as UTC.
 * Methods that change a pool are meant to run inside the caller's transaction, after {@link #lock}.
 */
@Repository
public class AdRepository {

    private static final String AD_COLUMNS = "ad_id, dsp, account_id, dsp_ad_id, page_id, landing_url, default_cap, round_size, "
            + "wait_capacity, fixed_reserve, allowed_schemes, desired_state, status, serving_link_id, went_live_count, "
            + "generation, late_reserve, alert, created_at, updated_at";
    private static final String LINK_COLUMNS =
            "link_id, ad_id, url, cap, state, state_since, count_at_swap_out, rounds, created_at, retired_at";
    private static final String SWAP_COLUMNS = "swap_id, ad_id, generation, kind, reason, status, old_link_id, "
            + "old_link_next, old_link_count, new_link_id, new_link_count, retired, reserve, actor, dsp_ref, decided_at, "
            + "completed_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public AdRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public Optional<Ad> find(String adId) {
        return jdbc.sql("SELECT " + AD_COLUMNS + " FROM dpl_ad WHERE ad_id = ?").param(adId)
                .query(AdRepository::ad).optional();
    }

    /** The ad, its row locked until the transaction ends: one rotation step per ad at a time, across instances. */
    public Optional<Ad> lock(String adId) {
        return jdbc.sql("SELECT " + AD_COLUMNS + " FROM dpl_ad WHERE ad_id = ? FOR UPDATE").param(adId)
                .query(AdRepository::ad).optional();
    }

    public List<Ad> findAll(Collection<String> adIds) {
        if (adIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + AD_COLUMNS + " FROM dpl_ad WHERE ad_id IN (:ids)").param("ids", adIds)
                .query(AdRepository::ad).list();
    }

    public List<Ad> list(int limit, int offset) {
        return jdbc.sql("SELECT " + AD_COLUMNS + " FROM dpl_ad ORDER BY ad_id LIMIT ? OFFSET ?").params(limit, offset)
                .query(AdRepository::ad).list();
    }

    public List<Ad> active() {
        return jdbc.sql("SELECT " + AD_COLUMNS + " FROM dpl_ad WHERE status = 'ACTIVE'").query(AdRepository::ad).list();
    }

    public long countByStatus(AdStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM dpl_ad WHERE status = ?").param(status.name()).query(Long.class).single();
    }

    public void insert(Ad ad) {
        jdbc.sql("INSERT INTO dpl_ad (" + AD_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(ad.adId(), ad.dsp().name(), ad.accountId(), ad.dspAdId(), ad.pageId(), ad.landingUrl(),
                        ad.defaultCap(), ad.roundSize(), ad.waitCapacity(), ad.fixedReserve(), schemes(ad.allowedSchemes()),
                        ad.desiredState().name(), ad.status().name(), ad.servingLinkId(), ad.wentLiveCount(),
                        ad.generation(), ad.lateReserve(), ad.alert(), utc(ad.createdAt()), utc(ad.updatedAt()))
                .update();
    }

    /** The operator-set fields; rotation state is left alone. */
    public void updateSettings(Ad ad) {
        jdbc.sql("""
                        UPDATE dpl_ad SET dsp = ?, account_id = ?, dsp_ad_id = ?, page_id = ?, landing_url = ?, default_cap = ?,
                          round_size = ?, wait_capacity = ?, fixed_reserve = ?, allowed_schemes = ?, updated_at = ?
                        WHERE ad_id = ?""")
                .params(ad.dsp().name(), ad.accountId(), ad.dspAdId(), ad.pageId(), ad.landingUrl(), ad.defaultCap(),
                        ad.roundSize(), ad.waitCapacity(), ad.fixedReserve(), schemes(ad.allowedSchemes()), utc(ad.updatedAt()),
                        ad.adId())
                .update();
    }

    public void setDesiredState(String adId, AdStatus desired, Instant now) {
        jdbc.sql("UPDATE dpl_ad SET desired_state = ?, updated_at = ? WHERE ad_id = ?")
                .params(desired.name(), utc(now), adId).update();
    }

    /** Moves the rotation on: only from the generation the caller decided in. */
    public boolean advance(String adId, long fromGeneration, AdStatus status, Long servingLinkId, Long wentLiveCount,
                           int lateReserve, String alert, Instant now) {
        return jdbc.sql("""
                        UPDATE dpl_ad SET status = ?, serving_link_id = ?, went_live_count = ?, generation = generation + 1,
                          late_reserve = ?, alert = ?, updated_at = ?
                        WHERE ad_id = ? AND generation = ?""")
                .params(status.name(), servingLinkId, wentLiveCount, lateReserve, alert, utc(now), adId, fromGeneration)
                .update() == 1;
    }

    public void setAlert(String adId, String alert, Instant now) {
        jdbc.sql("UPDATE dpl_ad SET alert = ?, updated_at = ? WHERE ad_id = ?").params(truncate(alert, 512), utc(now), adId)
                .update();
    }

    // ---- links

    public List<LinkRow> links(String adId) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM dpl_link WHERE ad_id = ? ORDER BY link_id").param(adId)
                .query(AdRepository::link).list();
    }

    public Optional<LinkRow> link(String adId, long linkId) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM dpl_link WHERE ad_id = ? AND link_id = ?")
                .params(adId, linkId).query(AdRepository::link).optional();
    }

    /** Links with their own cap, per ad: what the counters need besides the ad's default. */
    public List<LinkRow> cappedLinks(Collection<String> adIds) {
        if (adIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM dpl_link WHERE ad_id IN (:ids) AND cap IS NOT NULL")
                .param("ids", adIds).query(AdRepository::link).list();
    }

    public List<String> existingUrlHashes(String adId, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT url_sha256 FROM dpl_link WHERE ad_id = :ad AND url_sha256 IN (:h)")
                .param("ad", adId).param("h", hashes).query(String.class).list();
    }

    /** Inserts in upload order (link ids grow with it) and answers the new ids in that order. */
    public List<Long> insertLinks(String adId, List<NewLink> links, Instant now) {
        LocalDateTime at = utc(now);
        template.batchUpdate("""
                        INSERT INTO dpl_link (ad_id, url, url_sha256, cap, state, state_since, rounds, created_at)
                        VALUES (?, ?, ?, ?, 'NOT_STARTED', ?, 0, ?)""", links, 500, (ps, l) -> {
            ps.setString(1, adId);
            ps.setString(2, l.url());
            ps.setString(3, l.urlSha256());
            ps.setObject(4, l.cap());
            ps.setObject(5, at);
            ps.setObject(6, at);
        });
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.sql("SELECT url_sha256, link_id FROM dpl_link WHERE ad_id = :ad AND url_sha256 IN (:h)")
                .param("ad", adId).param("h", links.stream().map(NewLink::urlSha256).toList())
                .query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        return links.stream().map(l -> ids.get(l.urlSha256())).toList();
    }

    public void setLinkCap(long linkId, Integer cap) {
        jdbc.sql("UPDATE dpl_link SET cap = ? WHERE link_id = ?").params(cap, linkId).update();
    }

    public void moveLink(long linkId, LinkState state, Instant since, Long countAtSwapOut, boolean newRound) {
        jdbc.sql("UPDATE dpl_link SET state = ?, state_since = ?, count_at_swap_out = ?, rounds = rounds + ? WHERE link_id = ?")
                .params(state.name(), utc(since), countAtSwapOut, newRound ? 1 : 0, linkId).update();
    }

    public void retire(Collection<Long> linkIds, Instant now) {
        if (!linkIds.isEmpty()) {
            jdbc.sql("UPDATE dpl_link SET state = 'DONE', state_since = :now WHERE link_id IN (:ids) "
                            + "AND state NOT IN ('DONE', 'RETIRED')")
                    .param("now", utc(now)).param("ids", linkIds).update();
        }
    }

    /** An operator's retirement, recorded at once (first time only: answers false when it was already recorded). */
    public boolean markRetiring(long linkId, Instant now) {
        return jdbc.sql("UPDATE dpl_link SET retired_at = ? WHERE link_id = ? AND retired_at IS NULL")
                .params(utc(now), linkId).update() == 1;
    }

    /** The links an operator retired that are still in rotation, the serving one first, then oldest retirement first. */
    public List<LinkRow> retiring(String adId, Long servingLinkId) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM dpl_link WHERE ad_id = ? AND retired_at IS NOT NULL "
                        + "AND state <> 'RETIRED' ORDER BY link_id = ? DESC, retired_at, link_id")
                .params(adId, servingLinkId == null ? -1L : servingLinkId).query(AdRepository::link).list();
    }

    // ---- rotation steps

    public Optional<SwapRow> swap(String adId, long generation) {
        return jdbc.sql("SELECT " + SWAP_COLUMNS + " FROM dpl_swap WHERE ad_id = ? AND generation = ?")
                .params(adId, generation).query(AdRepository::swap).optional();
    }

    public void insertSwap(SwapRow s) {
        jdbc.sql("INSERT INTO dpl_swap (ad_id, generation, kind, reason, status, old_link_id, old_link_next, old_link_count, "
                        + "new_link_id, new_link_count, retired, reserve, actor, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(s.adId(), s.generation(), s.kind(), s.reason(), s.status(), s.oldLinkId(),
                        s.oldLinkNext() == null ? null : s.oldLinkNext().name(), s.oldLinkCount(), s.newLinkId(),
                        s.newLinkCount(), ids(s.retired()), s.reserve(), s.actor(), utc(s.decidedAt()))
                .update();
    }

    public void completeSwap(String adId, long generation, Long oldLinkCount, Long newLinkCount, String dspRef,
                             String completedBy, Instant now) {
        jdbc.sql("""
                        UPDATE dpl_swap SET status = 'DONE', old_link_count = ?, new_link_count = ?, dsp_ref = ?,
                          actor = ?, completed_at = ?
                        WHERE ad_id = ? AND generation = ?""")
                .params(oldLinkCount, newLinkCount, truncate(dspRef, 128), completedBy, utc(now), adId, generation)
                .update();
    }

    public List<SwapRow> swaps(String adId, int limit) {
        return jdbc.sql("SELECT " + SWAP_COLUMNS + " FROM dpl_swap WHERE ad_id = ? ORDER BY generation DESC LIMIT ?")
                .params(adId, limit).query(AdRepository::swap).list();
    }

    public long swapCount(String adId) {
        return jdbc.sql("SELECT COUNT(*) FROM dpl_swap WHERE ad_id = ? AND status = 'DONE'").param(adId)
                .query(Long.class).single();
    }

    // ---- parked tasks

    public Optional<ParkedTask> parked(String adId, long generation) {
        return jdbc.sql("SELECT ad_id, generation, task, attempts, last_error, parked_at, next_attempt_at FROM dpl_parked_task "
                        + "WHERE ad_id = ? AND generation = ?").params(adId, generation)
                .query(AdRepository::parked).optional();
    }

    public List<ParkedTask> parkedTasks(int limit) {
        return jdbc.sql("SELECT ad_id, generation, task, attempts, last_error, parked_at, next_attempt_at FROM dpl_parked_task "
                        + "ORDER BY parked_at LIMIT ?").param(limit).query(AdRepository::parked).list();
    }

    public List<ParkedTask> dueParkedTasks(Instant now, int limit) {
        return jdbc.sql("SELECT ad_id, generation, task, attempts, last_error, parked_at, next_attempt_at FROM dpl_parked_task "
                        + "WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?").params(utc(now), limit)
                .query(AdRepository::parked).list();
    }

    public long parkedCount() {
        return jdbc.sql("SELECT COUNT(*) FROM dpl_parked_task").query(Long.class).single();
    }

    public void park(ParkedTask p) {
        jdbc.sql("""
                        INSERT INTO dpl_parked_task (ad_id, generation, task, attempts, last_error, parked_at, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE attempts = VALUES(attempts), last_error = VALUES(last_error),
                          next_attempt_at = VALUES(next_attempt_at)""")
                .params(p.adId(), p.generation(), p.task(), p.attempts(), truncate(p.lastError(), 1024),
                        utc(p.parkedAt()), utc(p.nextAttemptAt()))
                .update();
    }

    public boolean unpark(String adId, long generation) {
        return jdbc.sql("DELETE FROM dpl_parked_task WHERE ad_id = ? AND generation = ?").params(adId, generation)
                .update() == 1;
    }

    public boolean retryParkedNow(String adId, long generation, Instant now) {
        return jdbc.sql("UPDATE dpl_parked_task SET next_attempt_at = ? WHERE ad_id = ? AND generation = ?")
                .params(utc(now), adId, generation).update() == 1;
    }

    // ---- mapping

    private static Ad ad(ResultSet rs, int row) throws SQLException {
        String schemes = rs.getString(11);
        return new Ad(rs.getString(1), Dsp.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getObject(10, Integer.class),
                schemes == null || schemes.isEmpty() ? List.of() : Arrays.asList(schemes.split(",")),
                AdStatus.valueOf(rs.getString(12)), AdStatus.valueOf(rs.getString(13)), rs.getObject(14, Long.class),
                rs.getObject(15, Long.class), rs.getLong(16), rs.getInt(17), rs.getString(18), instant(rs, 19),
                instant(rs, 20));
    }

    private static LinkRow link(ResultSet rs, int row) throws SQLException {
        return new LinkRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Integer.class),
                LinkState.valueOf(rs.getString(5)), instant(rs, 6), rs.getObject(7, Long.class), rs.getInt(8),
                instant(rs, 9), instant(rs, 10));
    }

    private static SwapRow swap(ResultSet rs, int row) throws SQLException {
        String next = rs.getString(8);
        String retired = rs.getString(12);
        return new SwapRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, Long.class), next == null ? null : LinkState.valueOf(next),
                rs.getObject(9, Long.class), rs.getObject(10, Long.class), rs.getObject(11, Long.class),
                retired == null || retired.isEmpty() ? List.of()
                        : Arrays.stream(retired.split(",")).map(Long::valueOf).toList(),
                rs.getInt(13), rs.getString(14), rs.getString(15), instant(rs, 16), instant(rs, 17));
    }

    private static ParkedTask parked(ResultSet rs, int row) throws SQLException {
        return new ParkedTask(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                instant(rs, 6), instant(rs, 7));
    }

    private static String schemes(List<String> schemes) {
        return schemes.isEmpty() ? null : String.join(",", schemes);
    }

    private static String ids(List<Long> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        String s = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return s.length() <= 2048 ? s : s.substring(0, s.lastIndexOf(',', 2048));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static LocalDateTime utc(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
