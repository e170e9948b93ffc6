package io.adplatform.admin.identity;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign in and out of the browser session; who am I; the CSRF token the browser echoes. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "session", description = "Browser sign-in with a session cookie and CSRF token")
class SessionController {

    private final Logins logins;
    private final Users users;
    private final SecurityContextRepository contexts;
    private final CookieCsrfTokenRepository csrfTokens;
    private final java.time.Clock clock;

    SessionController(Logins logins, Users users, SecurityContextRepository contexts,
                      CookieCsrfTokenRepository csrfTokens, java.time.Clock clock) {
        this.logins = logins;
        this.users = users;
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
        this.clock = clock;
    }

    record Credentials(String email, String password) {
    }

    record CsrfAnswer(String headerName, String token) {
    }

    record SignedIn(Me me, CsrfAnswer csrf) {
    }

    @GetMapping("/csrf")
    @Operation(summary = "The CSRF token (also set as cookie XSRF-TOKEN); send it as X-XSRF-TOKEN on POST/PUT/PATCH/DELETE")
    CsrfAnswer csrf(CsrfToken token) {
        return new CsrfAnswer(token.getHeaderName(), token.getToken());
    }

    @PostMapping("/session")
    @Operation(summary = "Sign in: 200 with a new session cookie and CSRF token; 401 wrong e-mail or password; "
            + "423 locked after repeated failures (Retry-After)")
    ResponseEntity<SignedIn> signIn(@RequestBody Credentials body, HttpServletRequest request,
                                    HttpServletResponse response) {
        List<FieldError> errors = new ArrayList<>();
        if (body.email() == null || body.email().isBlank()) {
            errors.add(new FieldError("email", "is required"));
        } else if (body.email().length() > 254) {
            errors.add(new FieldError("email", "must be at most 254 characters"));
        }
        if (body.password() == null || body.password().isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        } else if (body.password().length() > PasswordRules.MAX) {
            errors.add(new FieldError("password", "must be at most " + PasswordRules.MAX + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Logins.Result r = logins.login(body.email(), body.password());
        switch (r.outcome()) {
            case SIGNED_IN -> {
            }
            case LOCKED, LOCKED_NOW -> {
                long seconds = Math.max(1, Duration.between(clock.instant(), r.lockedUntil()).toSeconds());
                throw new LockedProblem(r.lockedUntil(), seconds);
            }
            case DISABLED -> throw new ApiProblem(HttpStatus.FORBIDDEN, "this account is disabled", List.of());
            case WRONG_PASSWORD -> throw new ApiProblem(HttpStatus.UNAUTHORIZED, "wrong e-mail or password", List.of());
        }
        // A new session id at sign-in: a session id planted before it is worthless (session fixation).
        HttpSession old = request.getSession(false);
        if (old != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SecurityConfig.authentication(r.operator()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        // And a new CSRF token, so one read before sign-in does not carry over.
        CsrfToken csrf = csrfTokens.generateToken(request);
        csrfTokens.saveToken(csrf, request, response);
        return ResponseEntity.ok(new SignedIn(me(r.operator()), new CsrfAnswer(csrf.getHeaderName(), csrf.getToken())));
    }

    @DeleteMapping("/session")
    @Operation(summary = "Sign out: the session ends")
    ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        csrfTokens.saveToken(null, request, response);
        return ResponseEntity.noContent().build();
    }

    record Me(long userId, String email, String displayName, long teamId, String teamName, boolean teamAdmin,
              String via) {
    }

    @GetMapping("/session")
    @Operation(summary = "The signed-in operator")
    Me whoAmI(@AuthenticationPrincipal Operator operator) {
        return me(operator);
    }

    private Me me(Operator operator) {
        Users.UserRow u = users.byId(operator.userId()).orElseThrow();
        return new Me(u.id(), u.email(), u.displayName(), u.teamId(), users.teamName(u.teamId()).orElse(""),
                u.teamAdmin(), operator.via().name());
    }

    /** 423 with Retry-After: the account is locked until the given time. */
    @org.springframework.web.bind.annotation.ExceptionHandler(LockedProblem.class)
    ResponseEntity<Object> locked(LockedProblem e) {
        ResponseEntity<Object> p = io.adplatform.web.ProblemAdvice.problem(e.status(), e.getMessage(), List.of());
        return ResponseEntity.status(p.getStatusCode()).headers(p.getHeaders()).headers(e.headers()).body(p.getBody());
    }

    static final class LockedProblem extends ApiProblem {

        private final long retryAfterSeconds;

        LockedProblem(Instant until, long retryAfterSeconds) {
            super(HttpStatus.LOCKED, "too many failed sign-ins: locked until " + until, List.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        HttpHeaders headers() {
            HttpHeaders h = new HttpHeaders();
            h.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return h;
        }
    }
}
