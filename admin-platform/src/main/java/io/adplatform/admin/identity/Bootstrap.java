package io.adplatform.admin.identity;

import io.adplatform.admin.audit.AuditLog;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The first team and its admin, when the database holds no user at all (a new installation). */
@Component
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final Users users;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final IdentityProperties props;
    private final TransactionTemplate tx;

    Bootstrap(Users users, PasswordEncoder passwords, AuditLog audit, IdentityProperties props, TransactionTemplate tx) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.props = props;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (props.bootstrapEmail().isBlank() || users.countAll() > 0) {
            return;
        }
        String email = props.bootstrapEmail().trim().toLowerCase(Locale.ROOT);
        tx.executeWithoutResult(s -> {
            long team = users.createTeam(props.bootstrapTeam());
            long id = users.create(team, email, "Administrator", passwords.encode(props.bootstrapPassword()), true);
            audit.recordSystem(team, "user.bootstrapped", "user", Long.toString(id), null, Map.of("email", email));
        });
        log.warn("created the first team '{}' and its admin {} from adplatform.identity.bootstrap-*: sign in and "
                + "change the password", props.bootstrapTeam(), email);
    }
}
