package io.adplatform.admin.identity;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.LoginPolicy.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a login and keeps the lockout counters. The counters and the audit entry are committed whatever the outcome
 * (a refusal is a result, not an exception), so a failure counts even though the request is answered with 401.
 */
@Service
public class Logins {

    /** Hashed once so that an unknown e-mail costs as much time as a wrong password. */
    private final String dummyHash;
    private final Users users;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginPolicy policy;

    public Logins(Users users, PasswordEncoder passwords, AuditLog audit, Clock clock, IdentityProperties props) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.policy = new LoginPolicy(props.maxFailedLogins(), props.lockout());
        this.dummyHash = passwords.encode("not-a-password-of-anyone");
    }

    /** The outcome; {@code operator} and {@code lockedUntil} where they apply. */
    public record Result(Outcome outcome, Operator operator, Instant lockedUntil) {
    }

    @Transactional
    public Result login(String email, String password) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        Optional<Users.UserRow> found = users.byEmailForUpdate(normalized);
        if (found.isEmpty()) {
            passwords.matches(password, dummyHash);
            return new Result(Outcome.WRONG_PASSWORD, null, null);
        }
        Users.UserRow u = found.get();
        Instant now = clock.instant();
        boolean locked = u.lockedUntil() != null && u.lockedUntil().isAfter(now);
        boolean matches = !locked && passwords.matches(password, u.passwordHash());
        LoginPolicy.Decision d = policy.decide(u.active(), u.failedLogins(), u.lockedUntil(), matches, now);
        if (d.failedLogins() != u.failedLogins() || !java.util.Objects.equals(d.lockedUntil(), u.lockedUntil())) {
            users.loginState(u.id(), d.failedLogins(), d.lockedUntil());
        }
        switch (d.outcome()) {
            case SIGNED_IN -> audit.recordAnonymous(u.teamId(), u.id(), "login.succeeded", "user", id(u), Map.of());
            case WRONG_PASSWORD -> audit.recordAnonymous(u.teamId(), u.id(), "login.failed", "user", id(u),
                    Map.of("consecutiveFailures", d.failedLogins()));
            case LOCKED_NOW -> audit.recordAnonymous(u.teamId(), u.id(), "login.locked", "user", id(u),
                    Map.of("until", d.lockedUntil().toString()));
            case LOCKED -> audit.recordAnonymous(u.teamId(), u.id(), "login.refused-locked", "user", id(u), Map.of());
            case DISABLED -> audit.recordAnonymous(u.teamId(), u.id(), "login.refused-disabled", "user", id(u), Map.of());
        }
        return new Result(d.outcome(), d.outcome() == Outcome.SIGNED_IN ? u.operator(Operator.Via.SESSION) : null,
                d.lockedUntil());
    }

    private static String id(Users.UserRow u) {
        return Long.toString(u.id());
    }
}
