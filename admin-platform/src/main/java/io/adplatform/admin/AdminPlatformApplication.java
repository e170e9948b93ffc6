package io.adplatform.admin;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The operators' back end: identity, permissions, onboarding, ad accounts and batch ad creation (seed 000 §2–§4). */
// No in-memory user with a generated password: operators are the users table (identity.Logins).
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class AdminPlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(AdminPlatformApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
