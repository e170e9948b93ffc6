package io.adplatform.admin.identity;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.config.ConfigureNotifyKeyspaceEventsAction;
import org.springframework.session.data.redis.config.ConfigureRedisAction;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisIndexedHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Browser sessions live in Redis (indexed by user id, so ending a user's sessions finds them all), so any instance
 * serves any operator and a restart signs nobody out. Cookie {@code SESSION}: HttpOnly, SameSite=Lax, Secure behind
 * TLS.
 */
@Configuration
@EnableRedisIndexedHttpSession
class SessionConfig {

    @Bean
    SessionRepositoryCustomizer<RedisIndexedSessionRepository> sessionSettings(IdentityProperties props) {
        return repo -> {
            repo.setRedisKeyNamespace(props.sessionNamespace());
            repo.setDefaultMaxInactiveInterval(props.sessionTimeout());
        };
    }

    /**
     * Ending a session on expiry needs Redis keyspace events; the repository switches them on with CONFIG SET unless
     * told not to — managed Redis services refuse CONFIG, and their operators enable {@code notify-keyspace-events Egx}
     * themselves and set {@code adplatform.identity.configure-redis=false}.
     */
    @Bean
    ConfigureRedisAction configureRedisAction(IdentityProperties props) {
        return props.configureRedis() ? new ConfigureNotifyKeyspaceEventsAction() : ConfigureRedisAction.NO_OP;
    }

    @Bean
    CookieSerializer sessionCookie(IdentityProperties props) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("SESSION");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setUseSecureCookie(props.secureCookies());
        cookie.setCookiePath("/");
        return cookie;
    }
}
