package io.adplatform.admin.audit;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.identity.Operator;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** The audit trail, newest first: the team's for team admins, one product's for those who manage its members. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "Who changed what, when")
class AuditController {

    private final JdbcClient jdbc;
    private final ProductAccess access;
    private final ObjectMapper json;

    AuditController(JdbcClient jdbc, ProductAccess access, ObjectMapper json) {
        this.jdbc = jdbc;
        this.access = access;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Entries before id `before` (paging), at most `limit`; `appId` narrows to one product")
    List<AuditEntry> list(@AuthenticationPrincipal Operator op, @RequestParam(required = false) String appId,
                          @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid(List.of(new FieldError("limit", "must be between 1 and 1000")));
        }
        if (appId != null) {
            access.require(op, appId, Permission.MANAGE_MEMBERS);
        } else if (!op.teamAdmin()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "only a team admin reads the whole team's trail; give appId",
                    List.of());
        }
        return jdbc.sql("""
                        SELECT id, at, actor_id, actor_kind, action, target_type, target_id, app_id, details FROM audit_log
                        WHERE team_id = ? AND (? IS NULL OR app_id = ?) AND (? IS NULL OR id < ?)
                        ORDER BY id DESC LIMIT ?""")
                .params(op.teamId(), appId, appId, before, before, limit)
                .query((rs, i) -> {
                    long actor = rs.getLong(3);
                    boolean noActor = rs.wasNull();
                    String details = rs.getString(9);
                    return new AuditEntry(rs.getLong(1), ((Timestamp) rs.getTimestamp(2)).toInstant(),
                            noActor ? null : actor, rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), details == null ? null : json.readTree(details));
                }).list();
    }
}
