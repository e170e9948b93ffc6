package io.adplatform.offline.clickhouse;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.clickhouse}: where the reporting store is. Locally and in tests that is chDB behind
 * {@code devstack/clickhouse-http}; in production a ClickHouse server, over the same HTTP interface.
 *
 * @param url            the HTTP interface (ClickHouse's port 8123)
 * @param database       the platform's database; migrations create it
 * @param user           sent as {@code X-ClickHouse-User}
 * @param password       sent as {@code X-ClickHouse-Key}
 * @param connectTimeout TCP connect timeout
 * @param queryTimeout   how long one statement may take, inserts included
 */
@Validated
@ConfigurationProperties("adplatform.clickhouse")
public record ClickHouseProperties(@NotNull URI url, @NotBlank String database, String user, String password,
                                   Duration connectTimeout, Duration queryTimeout) {

    public ClickHouseProperties {
        url = url == null ? URI.create("http://127.0.0.1:8123") : url;
        database = database == null ? "adplatform" : database;
        user = user == null ? "default" : user;
        password = password == null ? "" : password;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(60) : queryTimeout;
    }
}
