package io.adplatform.admin.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The seed's member permission table and its write-propagation. Every change to who holds which role on which
 * products, and every product joining or leaving a group, rewrites the affected {@code product_access} rows in the same
 * transaction — so the request path ({@link ProductAccess}) reads one row and never expands groups, roles or
 * {@code has_all_app}. Each operation first locks its group's row: a product added while a member is being put cannot
 * slip between them.
 */
@Component
public class Memberships {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final AccessChanges changes;

    public Memberships(JdbcClient jdbc, ObjectMapper json, Clock clock, AccessChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.changes = changes;
    }

    /** One role of a member: on every product of the group (now and later), or on the listed ones. */
    public record Grant(Role role, boolean hasAllApps, List<String> appIds) {
    }

    /** A member of a group with its grants ({@code appIds} complete, also for {@code hasAllApps}). */
    public record Member(long userId, String email, String displayName, List<Grant> grants) {
    }

    /** Replaces the user's roles in the group. The caller has checked that every listed app id is in the group. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void put(long groupId, long userId, List<Grant> grants) {
        lockGroup(groupId);
        List<String> groupApps = groupApps(groupId);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("DELETE FROM group_members WHERE group_id = ? AND user_id = ?").params(groupId, userId).update();
        for (Grant g : grants) {
            List<String> apps = g.hasAllApps() ? groupApps : List.copyOf(new LinkedHashSet<>(g.appIds()));
            jdbc.sql("""
                            INSERT INTO group_members (group_id, user_id, role, has_all_app, app_id_list, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(groupId, userId, g.role().name(), g.hasAllApps(), json.writeValueAsString(apps), now, now)
                    .update();
        }
        rebuildAccess(groupId, userId);
        changes.usersChanged(List.of(userId));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean remove(long groupId, long userId) {
        lockGroup(groupId);
        int n = jdbc.sql("DELETE FROM group_members WHERE group_id = ? AND user_id = ?").params(groupId, userId).update();
        jdbc.sql("DELETE FROM product_access WHERE group_id = ? AND user_id = ?").params(groupId, userId).update();
        changes.usersChanged(List.of(userId));
        return n > 0;
    }

    /**
     * The product has just joined the group: appended, in bulk, to the app list of every {@code has_all_app} row, and
     * the access rows of those members written. Returns how many members gained it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int productAdded(long groupId, String appId) {
        lockGroup(groupId);
        String quoted = json.writeValueAsString(appId);
        jdbc.sql("""
                        UPDATE group_members SET app_id_list = JSON_ARRAY_APPEND(app_id_list, '$', ?), updated_at = ?
                        WHERE group_id = ? AND has_all_app AND NOT JSON_CONTAINS(app_id_list, ?)""")
                .params(appId, Timestamp.from(clock.instant()), groupId, quoted).update();
        Map<Long, Long> masks = new HashMap<>();
        jdbc.sql("SELECT user_id, role FROM group_members WHERE group_id = ? AND JSON_CONTAINS(app_id_list, ?)")
                .params(groupId, quoted)
                .query((rs, i) -> masks.merge(rs.getLong(1), Role.valueOf(rs.getString(2)).mask(), (a, b) -> a | b))
                .list();
        List<Object[]> rows = new ArrayList<>(masks.size());
        masks.forEach((user, mask) -> rows.add(new Object[] {user, appId, groupId, mask}));
        batchUpsertAccess(rows);
        changes.usersChanged(masks.keySet());
        return masks.size();
    }

    /** The product has left the group: removed from every member's list, its access rows deleted. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void productRemoved(long groupId, String appId) {
        lockGroup(groupId);
        String quoted = json.writeValueAsString(appId);
        Timestamp now = Timestamp.from(clock.instant());
        record Row(long id, List<String> apps) {
        }
        List<Row> rows = jdbc.sql("SELECT id, app_id_list FROM group_members WHERE group_id = ? AND JSON_CONTAINS(app_id_list, ?)")
                .params(groupId, quoted)
                .query((rs, i) -> new Row(rs.getLong(1), json.readValue(rs.getString(2), STRINGS))).list();
        for (Row r : rows) {
            List<String> apps = new ArrayList<>(r.apps());
            apps.remove(appId);
            jdbc.sql("UPDATE group_members SET app_id_list = ?, updated_at = ? WHERE id = ?")
                    .params(json.writeValueAsString(apps), now, r.id()).update();
        }
        changes.usersChanged(jdbc.sql("SELECT user_id FROM product_access WHERE app_id = ?").params(appId)
                .query(Long.class).list());
        jdbc.sql("DELETE FROM product_access WHERE app_id = ?").params(appId).update();
    }

    /** Every member of the group with their grants, by user id. */
    public List<Member> members(long groupId) {
        Map<Long, Member> byUser = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT m.user_id, u.email, u.display_name, m.role, m.has_all_app, m.app_id_list
                        FROM group_members m JOIN users u ON u.id = m.user_id
                        WHERE m.group_id = ? ORDER BY m.user_id, m.role""")
                .params(groupId)
                .query((rs, i) -> {
                    long userId = rs.getLong(1);
                    String email = rs.getString(2);
                    String name = rs.getString(3);
                    Member m = byUser.computeIfAbsent(userId, id -> new Member(id, email, name, new ArrayList<>()));
                    m.grants().add(new Grant(Role.valueOf(rs.getString(4)), rs.getBoolean(5),
                            json.readValue(rs.getString(6), STRINGS)));
                    return m;
                }).list();
        return List.copyOf(byUser.values());
    }

    /** The user's roles in the group (empty when not a member). */
    public Set<Role> roles(long groupId, long userId) {
        Set<Role> roles = new LinkedHashSet<>();
        jdbc.sql("SELECT role FROM group_members WHERE group_id = ? AND user_id = ?").params(groupId, userId)
                .query(String.class).list().forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private void rebuildAccess(long groupId, long userId) {
        jdbc.sql("DELETE FROM product_access WHERE group_id = ? AND user_id = ?").params(groupId, userId).update();
        Map<String, Long> masks = new LinkedHashMap<>();
        jdbc.sql("SELECT role, app_id_list FROM group_members WHERE group_id = ? AND user_id = ?")
                .params(groupId, userId)
                .query((rs, i) -> {
                    long mask = Role.valueOf(rs.getString(1)).mask();
                    for (String app : json.readValue(rs.getString(2), STRINGS)) {
                        masks.merge(app, mask, (a, b) -> a | b);
                    }
                    return null;
                }).list();
        List<Object[]> rows = new ArrayList<>(masks.size());
        masks.forEach((app, mask) -> rows.add(new Object[] {userId, app, groupId, mask}));
        batchUpsertAccess(rows);
    }

    private void batchUpsertAccess(List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 500) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
            StringBuilder sql = new StringBuilder("INSERT INTO product_access (user_id, app_id, group_id, permissions) VALUES ");
            List<Object> params = new ArrayList<>(chunk.size() * 4);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
                params.addAll(List.of(chunk.get(i)));
            }
            sql.append(" ON DUPLICATE KEY UPDATE group_id = VALUES(group_id), permissions = VALUES(permissions)");
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    private List<String> groupApps(long groupId) {
        return jdbc.sql("SELECT app_id FROM products WHERE group_id = ? ORDER BY app_id").params(groupId)
                .query(String.class).list();
    }

    private void lockGroup(long groupId) {
        jdbc.sql("SELECT id FROM project_groups WHERE id = ? FOR UPDATE").params(groupId).query(Long.class).optional();
    }
}
