package io.adplatform.admin.identity;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users of a team as its admins manage them, and one's own password. */
@Service
public class Accounts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private final Users users;
    private final PasswordEncoder passwords;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    public Accounts(Users users, PasswordEncoder passwords, ApiTokens tokens, AuditLog audit,
                    FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
        this.sessions = sessions;
    }

    /** A user as the team's admins see it. */
    public record UserView(long id, String email, String displayName, boolean teamAdmin, String status,
                           Instant lockedUntil, Instant createdAt) {

        static UserView of(Users.UserRow u) {
            return new UserView(u.id(), u.email(), u.displayName(), u.teamAdmin(), u.status(), u.lockedUntil(),
                    u.createdAt());
        }
    }

    public record NewUser(String email, String displayName, String password, Boolean teamAdmin) {
    }

    /** {@code status} ACTIVE or DISABLED, {@code unlock} clears a lockout; absent fields stay. */
    public record UserChange(String status, Boolean teamAdmin, Boolean unlock) {
    }

    public List<UserView> list(Operator admin) {
        TeamAdmins.require(admin);
        return users.team(admin.teamId()).stream().map(UserView::of).toList();
    }

    @Transactional
    public UserView create(Operator admin, NewUser body) {
        TeamAdmins.require(admin);
        List<FieldError> errors = new ArrayList<>();
        String email = body.email() == null ? null : body.email().trim().toLowerCase(Locale.ROOT);
        if (email == null || email.isEmpty()) {
            errors.add(new FieldError("email", "is required"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "must be an e-mail address"));
        }
        if (body.displayName() == null || body.displayName().isBlank()) {
            errors.add(new FieldError("displayName", "is required"));
        } else if (body.displayName().length() > 128) {
            errors.add(new FieldError("displayName", "must be at most 128 characters"));
        }
        PasswordRules.check("password", body.password(), email).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (users.emailTaken(email)) {
            throw ApiProblem.conflict("a user with e-mail " + email + " exists");
        }
        boolean teamAdmin = Boolean.TRUE.equals(body.teamAdmin());
        long id = users.create(admin.teamId(), email, body.displayName().trim(), passwords.encode(body.password()),
                teamAdmin);
        audit.record(admin, "user.created", "user", Long.toString(id), null,
                Map.of("email", email, "teamAdmin", teamAdmin));
        return UserView.of(users.byId(id).orElseThrow());
    }

    @Transactional
    public UserView change(Operator admin, long userId, UserChange change) {
        TeamAdmins.require(admin);
        Users.UserRow u = users.inTeam(admin.teamId(), userId).orElseThrow(() -> ApiProblem.notFound("no user " + userId));
        if (change.status() != null && !List.of("ACTIVE", "DISABLED").contains(change.status())) {
            throw ApiProblem.invalid(List.of(new FieldError("status", "must be ACTIVE or DISABLED")));
        }
        if (userId == admin.userId() && ("DISABLED".equals(change.status()) || Boolean.FALSE.equals(change.teamAdmin()))) {
            throw ApiProblem.invalid(List.of(new FieldError(change.status() != null ? "status" : "teamAdmin",
                    "a team admin cannot disable or demote themselves")));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        boolean endSessions = false;
        if (change.status() != null && !change.status().equals(u.status())) {
            users.status(userId, change.status());
            details.put("status", change.status());
            if ("DISABLED".equals(change.status())) {
                tokens.revokeAll(userId);
                endSessions = true;
            }
        }
        if (change.teamAdmin() != null && change.teamAdmin() != u.teamAdmin()) {
            users.teamAdmin(userId, change.teamAdmin());
            details.put("teamAdmin", change.teamAdmin());
            endSessions = true;
        }
        if (Boolean.TRUE.equals(change.unlock())) {
            users.loginState(userId, 0, null);
            details.put("unlocked", true);
        }
        if (!details.isEmpty()) {
            audit.record(admin, "user.changed", "user", Long.toString(userId), null, details);
        }
        if (endSessions) {
            // The session holds the operator as signed in; a changed status or team role takes effect at once.
            endSessions(userId);
        }
        return UserView.of(users.byId(userId).orElseThrow());
    }

    @Transactional
    public void changePassword(Operator self, String current, String next) {
        Users.UserRow u = users.byId(self.userId()).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        if (current == null || !passwords.matches(current, u.passwordHash())) {
            errors.add(new FieldError("currentPassword", "does not match"));
        }
        PasswordRules.check("newPassword", next, u.email()).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        users.password(u.id(), passwords.encode(next));
        audit.record(self, "user.password-changed", "user", Long.toString(u.id()), null, Map.of());
    }

    private void endSessions(long userId) {
        sessions.findByPrincipalName(Long.toString(userId)).keySet().forEach(sessions::deleteById);
    }
}
