package io.adplatform.admin.dplink;

import io.adplatform.admin.support.TestDatabase;
import io.adplatform.dplink.DplinkApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real dplink-controller, run in this JVM as its own Spring application: its own database (its migrations, run
 * here), the tests' embedded Kafka and Redis, the faked DSPs. It shares the classpath with admin-platform, so every
 * setting it needs is given on its command line (admin-platform's application.yml is the one found first) and
 * the security auto-configuration admin-platform brings is left out (dplink-controller checks the service token).
 */
final class DplinkControllerInProcess implements AutoCloseable {

    record Settings(int port, String brokers, String serviceToken, String redisPrefix, String tiktokBaseUrl,
                    String tiktokToken) {
    }

    private final Settings settings;
    private final TestDatabase db;
    private ConfigurableApplicationContext context;

    private DplinkControllerInProcess(Settings settings) {
        this.settings = settings;
        this.db = TestDatabase.create();
    }

    static DplinkControllerInProcess start(Settings settings) {
        DplinkControllerInProcess p = new DplinkControllerInProcess(settings);
        p.run();
        return p;
    }

    /** Starts it (again: same port, same database, so its state survives a stop). */
    void run() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + settings.port(),
                "--spring.application.name=dplink-controller",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + db.url(),
                // its own migrations: the only db/migration on this classpath (admin-platform's are in db/admin)
                "--spring.flyway.locations=classpath:db/migration",
                "--spring.kafka.bootstrap-servers=" + settings.brokers(),
                "--spring.autoconfigure.exclude="
                        + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                "--adplatform.service-token=" + settings.serviceToken(),
                "--adplatform.dplink.counting.key-prefix=" + settings.redisPrefix(),
                "--adplatform.dplink.counting.topic-partitions=3",
                "--adplatform.dplink.counting.config-cache-ttl=200ms",
                "--adplatform.dplink.replacement.topic-partitions=3",
                "--adplatform.dplink.replacement.park-retry-initial=1s",
                "--adplatform.dplink.replacement.park-retry-max=2s",
                "--adplatform.dplink.replacement.index-sync-interval=2s",
                "--adplatform.dplink.dsp.tiktok.base-url=" + settings.tiktokBaseUrl(),
                "--adplatform.dplink.dsp.tiktok.access-token=" + settings.tiktokToken(),
                "--adplatform.dplink.dsp.tiktok.rate-limit-per-second=1000",
                "--adplatform.dplink.dsp.request-timeout=2s",
                "--adplatform.dplink.dsp.backoff-initial=20ms",
                "--adplatform.dplink.dsp.backoff-max=50ms"));
        context = new SpringApplicationBuilder(DplinkApplication.class).run(args.toArray(String[]::new));
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        stop();
        db.drop();
    }
}
