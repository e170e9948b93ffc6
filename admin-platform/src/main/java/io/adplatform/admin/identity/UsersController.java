package io.adplatform.admin.identity;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The team's users (team admins) and one's own password and API tokens. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "users", description = "Users of the team, passwords, personal API tokens")
class UsersController {

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final IdentityProperties props;

    UsersController(Accounts accounts, ApiTokens tokens, IdentityProperties props) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.props = props;
    }

    @GetMapping("/users")
    @Operation(summary = "The team's users (team admin)")
    List<Accounts.UserView> users(@AuthenticationPrincipal Operator operator) {
        return accounts.list(operator);
    }

    @PostMapping("/users")
    @Operation(summary = "Add a user to the team (team admin)")
    ResponseEntity<Accounts.UserView> create(@AuthenticationPrincipal Operator operator,
                                             @RequestBody Accounts.NewUser body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.create(operator, body));
    }

    @PatchMapping("/users/{userId}")
    @Operation(summary = "Disable/enable, make or unmake team admin, unlock (team admin); ends the user's sessions")
    Accounts.UserView change(@AuthenticationPrincipal Operator operator, @PathVariable long userId,
                             @RequestBody Accounts.UserChange body) {
        return accounts.change(operator, userId, body);
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @PutMapping("/me/password")
    @Operation(summary = "Change one's own password")
    ResponseEntity<Void> password(@AuthenticationPrincipal Operator operator, @RequestBody PasswordChange body) {
        accounts.changePassword(operator, body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    record TokenRequest(String name, Integer expiresInDays) {
    }

    @PostMapping("/me/tokens")
    @Operation(summary = "Issue a personal API token; the secret is in this answer only (signed-in session only)")
    ResponseEntity<ApiTokens.IssuedToken> issue(@AuthenticationPrincipal Operator operator,
                                                @RequestBody TokenRequest body) {
        if (operator.via() != Operator.Via.SESSION) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "API tokens are issued from a signed-in session only", List.of());
        }
        long maxDays = props.tokenMaxLifetime().toDays();
        if (body.name() == null || body.name().isBlank() || body.name().length() > 128) {
            throw ApiProblem.invalid(List.of(new FieldError("name", "is required, at most 128 characters")));
        }
        if (body.expiresInDays() != null && (body.expiresInDays() < 1 || body.expiresInDays() > maxDays)) {
            throw ApiProblem.invalid(List.of(new FieldError("expiresInDays", "must be between 1 and " + maxDays)));
        }
        Duration lifetime = body.expiresInDays() == null ? props.tokenMaxLifetime() : Duration.ofDays(body.expiresInDays());
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.issue(operator, body.name().trim(), lifetime));
    }

    @GetMapping("/me/tokens")
    @Operation(summary = "One's API tokens (never their secrets)")
    List<ApiTokens.TokenInfo> tokens(@AuthenticationPrincipal Operator operator) {
        return tokens.list(operator.userId());
    }

    @DeleteMapping("/me/tokens/{tokenId}")
    @Operation(summary = "Revoke one of one's API tokens")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Operator operator, @PathVariable long tokenId) {
        if (!tokens.revoke(operator, tokenId)) {
            throw ApiProblem.notFound("no API token " + tokenId);
        }
        return ResponseEntity.noContent().build();
    }
}
