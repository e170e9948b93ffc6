package io.adplatform.admin.access;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.admin.identity.TeamAdmins;
import io.adplatform.admin.identity.Users;
import io.adplatform.admin.products.Product;
import io.adplatform.admin.products.Products;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Project groups of a team, their products and their members. Team admins manage all of it; a group admin manages
 * the members of their group. Another team's group is "not found", whatever the caller's role.
 */
@Service
public class Groups {

    private final JdbcClient jdbc;
    private final Memberships memberships;
    private final Products products;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;

    public Groups(JdbcClient jdbc, Memberships memberships, Products products, Users users, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.products = products;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    public record Group(long id, long teamId, String name) {
    }

    /** A group with what the caller may see of it: its products and the caller's own roles. */
    public record GroupView(long id, String name, List<String> appIds, List<Role> myRoles) {
    }

    public List<GroupView> list(Operator op) {
        List<Group> groups = op.teamAdmin()
                ? jdbc.sql("SELECT id, team_id, name FROM project_groups WHERE team_id = ? ORDER BY id").params(op.teamId())
                        .query((rs, i) -> new Group(rs.getLong(1), rs.getLong(2), rs.getString(3))).list()
                : jdbc.sql("""
                        SELECT DISTINCT g.id, g.team_id, g.name FROM project_groups g
                        JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.id""")
                        .params(op.userId()).query((rs, i) -> new Group(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                        .list();
        return groups.stream().map(g -> view(op, g)).toList();
    }

    public GroupView get(Operator op, long groupId) {
        Group g = visible(op, groupId);
        return view(op, g);
    }

    @Transactional
    public GroupView create(Operator op, String name) {
        TeamAdmins.require(op);
        if (name == null || name.isBlank() || name.length() > 128) {
            throw ApiProblem.invalid(List.of(new FieldError("name", "is required, at most 128 characters")));
        }
        String trimmed = name.trim();
        if (jdbc.sql("SELECT COUNT(*) FROM project_groups WHERE team_id = ? AND name = ?").params(op.teamId(), trimmed)
                .query(Integer.class).single() > 0) {
            throw ApiProblem.conflict("the team has a project group named " + trimmed);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO project_groups (team_id, name, created_at) VALUES (?, ?, ?)")
                .params(op.teamId(), trimmed, Timestamp.from(clock.instant())).update(key);
        long id = key.getKey().longValue();
        audit.record(op, "group.created", "group", Long.toString(id), null, Map.of("name", trimmed));
        return view(op, new Group(id, op.teamId(), trimmed));
    }

    /**
     * Takes a catalog product into the group (or moves it from another group of the team): every member with
     * {@code has_all_app} gains it in this transaction.
     */
    @Transactional
    public int addProduct(Operator op, long groupId, String appId) {
        TeamAdmins.require(op);
        Group g = inTeam(op, groupId);
        if (appId == null || appId.isBlank()) {
            throw ApiProblem.invalid(List.of(new FieldError("appId", "is required")));
        }
        Product p = products.findForUpdate(appId)
                .filter(x -> x.teamId() == null || x.teamId() == op.teamId())
                .orElseThrow(() -> ProductAccess.notFound(appId));
        if (p.groupId() != null && p.groupId() == groupId) {
            return 0;
        }
        if (p.groupId() != null) {
            memberships.productRemoved(p.groupId(), appId);
        }
        products.placeInGroup(appId, op.teamId(), groupId, clock.instant());
        int gained = memberships.productAdded(groupId, appId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("group", g.name());
        details.put("membersGained", gained);
        if (p.groupId() != null) {
            details.put("movedFromGroup", p.groupId());
        }
        audit.record(op, "group.product-added", "group", Long.toString(groupId), appId, details);
        return gained;
    }

    @Transactional
    public void removeProduct(Operator op, long groupId, String appId) {
        TeamAdmins.require(op);
        inTeam(op, groupId);
        Product p = products.findForUpdate(appId).filter(x -> x.groupId() != null && x.groupId() == groupId)
                .orElseThrow(() -> ProductAccess.notFound(appId));
        memberships.productRemoved(groupId, p.appId());
        products.placeInGroup(appId, op.teamId(), null, null);
        audit.record(op, "group.product-removed", "group", Long.toString(groupId), appId, Map.of());
    }

    public List<Memberships.Member> members(Operator op, long groupId) {
        requireMemberAdmin(op, groupId);
        return memberships.members(groupId);
    }

    /** Replaces the user's roles in the group; an empty list removes the user from it. */
    @Transactional
    public List<Memberships.Grant> putMember(Operator op, long groupId, long userId, List<Memberships.Grant> grants) {
        requireMemberAdmin(op, groupId);
        users.inTeam(op.teamId(), userId).orElseThrow(() -> ApiProblem.notFound("no user " + userId));
        List<FieldError> errors = new ArrayList<>();
        Set<String> groupApps = new HashSet<>(products.inGroup(groupId).stream().map(Product::appId).toList());
        Set<Role> seen = new HashSet<>();
        for (int i = 0; i < grants.size(); i++) {
            Memberships.Grant g = grants.get(i);
            String at = "grants[" + i + "]";
            if (g == null || g.role() == null) {
                errors.add(new FieldError(at + ".role", "is required: GROUP_ADMIN, BUYER, ANALYST or VIEWER"));
                continue;
            }
            if (!seen.add(g.role())) {
                errors.add(new FieldError(at + ".role", "is given twice"));
            }
            List<String> apps = g.appIds() == null ? List.of() : g.appIds();
            if (g.hasAllApps() && !apps.isEmpty()) {
                errors.add(new FieldError(at + ".appIds", "must be empty when hasAllApps is true"));
            }
            if (!g.hasAllApps() && apps.isEmpty()) {
                errors.add(new FieldError(at + ".appIds", "must list products when hasAllApps is false"));
            }
            for (int j = 0; j < apps.size(); j++) {
                if (!groupApps.contains(apps.get(j))) {
                    errors.add(new FieldError(at + ".appIds[" + j + "]", "is not a product of this group"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        List<Memberships.Grant> clean = grants.stream()
                .map(g -> new Memberships.Grant(g.role(), g.hasAllApps(), g.appIds() == null ? List.of() : g.appIds()))
                .toList();
        if (clean.isEmpty()) {
            memberships.remove(groupId, userId);
        } else {
            memberships.put(groupId, userId, clean);
        }
        audit.record(op, clean.isEmpty() ? "member.removed" : "member.put", "member", groupId + ":" + userId, null,
                Map.of("grants", clean));
        return clean;
    }

    private void requireMemberAdmin(Operator op, long groupId) {
        inTeam(op, groupId);
        if (op.teamAdmin()) {
            return;
        }
        Set<Role> roles = memberships.roles(groupId, op.userId());
        if (roles.isEmpty()) {
            throw ApiProblem.notFound("no project group " + groupId);
        }
        if (!roles.contains(Role.GROUP_ADMIN)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "only a team admin or the group's admins manage its members",
                    List.of());
        }
    }

    private GroupView view(Operator op, Group g) {
        return new GroupView(g.id(), g.name(), products.inGroup(g.id()).stream().map(Product::appId).toList(),
                List.copyOf(memberships.roles(g.id(), op.userId())));
    }

    /** A group of the caller's team the caller may see: team admins see all, others those they belong to. */
    private Group visible(Operator op, long groupId) {
        Group g = inTeam(op, groupId);
        if (!op.teamAdmin() && memberships.roles(groupId, op.userId()).isEmpty()) {
            throw ApiProblem.notFound("no project group " + groupId);
        }
        return g;
    }

    private Group inTeam(Operator op, long groupId) {
        Optional<Group> g = jdbc.sql("SELECT id, team_id, name FROM project_groups WHERE id = ?").params(groupId)
                .query((rs, i) -> new Group(rs.getLong(1), rs.getLong(2), rs.getString(3))).optional();
        return g.filter(x -> x.teamId() == op.teamId())
                .orElseThrow(() -> ApiProblem.notFound("no project group " + groupId));
    }
}
