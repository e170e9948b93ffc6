package io.adplatform.admin.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.identity.*}.
 *
 * @param maxFailedLogins   consecutive wrong passwords that lock an account
 * @param lockout           how long it stays locked
 * @param tokenMaxLifetime  the longest an API token may live (a token asked for without expiry gets this)
 * @param bootstrapTeam     team created with the first user when the database holds no user at all
 * @param bootstrapEmail    that first user (a team admin); empty = no bootstrap
 * @param bootstrapPassword its password; must be changed in production (set {@code ADPLATFORM_IDENTITY_BOOTSTRAP_PASSWORD})
 * @param secureCookies     send session and CSRF cookies with {@code Secure} (true behind TLS)
 * @param sessionTimeout    a browser session ends after this long without a request
 * @param sessionNamespace  prefix of the session keys in Redis
 * @param bcryptStrength    bcrypt's log2 cost for new password hashes (10 ≈ 60 ms a check on one core)
 * @param configureRedis    switch on Redis keyspace events at start (CONFIG SET); false on managed Redis that refuses
 *                          CONFIG (then set {@code notify-keyspace-events Egx} there)
 */
@ConfigurationProperties("adplatform.identity")
public record IdentityProperties(Integer maxFailedLogins, Duration lockout, Duration tokenMaxLifetime,
                                 String bootstrapTeam, String bootstrapEmail, String bootstrapPassword,
                                 Boolean secureCookies, Duration sessionTimeout, String sessionNamespace,
                                 Integer bcryptStrength, Boolean configureRedis) {

    public IdentityProperties {
        maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        tokenMaxLifetime = tokenMaxLifetime == null ? Duration.ofDays(365) : tokenMaxLifetime;
        bootstrapTeam = bootstrapTeam == null ? "adplatform" : bootstrapTeam;
        bootstrapEmail = bootstrapEmail == null ? "admin@adplatform.local" : bootstrapEmail;
        bootstrapPassword = bootstrapPassword == null ? "change-me-now-please" : bootstrapPassword;
        secureCookies = secureCookies != null && secureCookies;
        sessionTimeout = sessionTimeout == null ? Duration.ofHours(8) : sessionTimeout;
        sessionNamespace = sessionNamespace == null ? "adm:session" : sessionNamespace;
        bcryptStrength = bcryptStrength == null ? 10 : bcryptStrength;
        configureRedis = configureRedis == null || configureRedis;
        if (maxFailedLogins < 1) {
            throw new IllegalArgumentException("adplatform.identity.max-failed-logins must be at least 1");
        }
    }
}
