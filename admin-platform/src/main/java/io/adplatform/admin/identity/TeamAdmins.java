package io.adplatform.admin.identity;

import io.adplatform.web.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Team-level actions (users, project groups, products joining groups) are for team admins. */
public final class TeamAdmins {

    private TeamAdmins() {
    }

    public static void require(Operator operator) {
        if (!operator.teamAdmin()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "only a team admin may do this", List.of());
        }
    }
}
