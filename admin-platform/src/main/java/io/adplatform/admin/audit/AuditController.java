package io.adplatform.admin.audit;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.identity.Operator;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first: the team's for team admins, one product's for those who manage its members. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "Who changed what, when")
class AuditController {

    private final AuditLog audit;
    private final ProductAccess access;

    AuditController(AuditLog audit, ProductAccess access) {
        this.audit = audit;
        this.access = access;
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
        return audit.list(op.teamId(), appId, before, limit);
    }
}
