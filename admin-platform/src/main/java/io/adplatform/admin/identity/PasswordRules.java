package io.adplatform.admin.identity;

import io.adplatform.web.FieldError;
import java.util.Optional;

/** What a new password must be: long enough to resist guessing, short enough not to be a denial of service for bcrypt. */
final class PasswordRules {

    static final int MIN = 12;
    /** bcrypt reads 72 bytes; longer inputs would be silently cut. */
    static final int MAX = 72;

    private PasswordRules() {
    }

    static Optional<FieldError> check(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            return Optional.of(new FieldError(field, "is required"));
        }
        if (password.length() < MIN) {
            return Optional.of(new FieldError(field, "must be at least " + MIN + " characters"));
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX) {
            return Optional.of(new FieldError(field, "must be at most " + MAX + " bytes"));
        }
        if (email != null && password.equalsIgnoreCase(email)) {
            return Optional.of(new FieldError(field, "must not be the e-mail address"));
        }
        return Optional.empty();
    }
}
