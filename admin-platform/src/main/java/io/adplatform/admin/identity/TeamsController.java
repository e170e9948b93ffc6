package io.adplatform.admin.identity;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ops create a team with its first admin (internal API, {@code X-Service-Token}); the admin takes it from there. */
@RestController
@RequestMapping("/internal/v1/teams")
@Tag(name = "teams", description = "Teams and their first admin (ops)")
class TeamsController {

    private final Users users;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    TeamsController(Users users, PasswordEncoder passwords, AuditLog audit, TransactionTemplate tx) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.tx = tx;
    }

    record NewTeam(String name, String adminEmail, String adminName, String adminPassword) {
    }

    record CreatedTeam(long teamId, long adminUserId) {
    }

    @PostMapping
    @Operation(summary = "Create a team and its first team admin")
    ResponseEntity<CreatedTeam> create(@RequestBody NewTeam body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.name() == null || body.name().isBlank() || body.name().length() > 128) {
            errors.add(new FieldError("name", "is required, at most 128 characters"));
        }
        String email = body.adminEmail() == null ? "" : body.adminEmail().trim().toLowerCase(Locale.ROOT);
        if (!email.matches("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$") || email.length() > 254) {
            errors.add(new FieldError("adminEmail", "must be an e-mail address"));
        }
        if (body.adminName() == null || body.adminName().isBlank() || body.adminName().length() > 128) {
            errors.add(new FieldError("adminName", "is required, at most 128 characters"));
        }
        PasswordRules.check("adminPassword", body.adminPassword(), email).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        CreatedTeam created = tx.execute(s -> {
            if (users.emailTaken(email)) {
                throw ApiProblem.conflict("a user with e-mail " + email + " exists");
            }
            if (users.teamId(body.name().trim()).isPresent()) {
                throw ApiProblem.conflict("a team named " + body.name().trim() + " exists");
            }
            long team = users.createTeam(body.name().trim());
            long admin = users.create(team, email, body.adminName().trim(), passwords.encode(body.adminPassword()), true);
            audit.recordSystem(team, "team.created", "team", Long.toString(team), null,
                    Map.of("name", body.name().trim(), "adminEmail", email));
            return new CreatedTeam(team, admin);
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }
}
