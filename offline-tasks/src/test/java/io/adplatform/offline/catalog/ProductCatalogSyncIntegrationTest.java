package io.adplatform.offline.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.fakes.PartnerFakes;
import io.adplatform.fakes.ProductCatalogFake;
import io.adplatform.offline.support.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The catalog sync against the catalog fake over HTTP and a real MariaDB database. */
class ProductCatalogSyncIntegrationTest {

    static final String TOKEN = "catalog-test-token";
    static TestDatabase db;
    static HikariDataSource ds;
    static PartnerFakes fakes;
    static ProductCatalogFake catalog;
    static ProductRepository products;
    static final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-10T10:00:00Z"));
    static final Clock CLOCK = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        Flyway.configure().dataSource(db.url(), "root", "").load().migrate();
        ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername("root");
        products = new ProductRepository(JdbcClient.create(ds));
        fakes = PartnerFakes.start();
        catalog = fakes.productCatalog().registerToken(TOKEN);
    }

    @AfterAll
    static void stop() {
        fakes.close();
        ds.close();
        db.drop();
    }

    @BeforeEach
    void clean() {
        fakes.reset();
        JdbcClient.create(ds).sql("DELETE FROM products").update();
    }

    static ProductCatalogSync sync(String token, int maxAttempts) {
        CatalogProperties props = new CatalogProperties(URI.create(fakes.productCatalogBaseUrl()), token, null, 2,
                Duration.ofSeconds(2), Duration.ofSeconds(5), maxAttempts, Duration.ofMillis(5), Duration.ofMillis(20));
        return new ProductCatalogSync(new CatalogClient(props, EventJson.mapper()), products, props.pageSize(), CLOCK);
    }

    static ProductCatalogSync sync() {
        return sync(TOKEN, 5);
    }

    static void seed(int n) {
        for (int i = 1; i <= n; i++) {
            catalog.putProduct("com.example.app" + i, "App " + i, i % 2 == 0 ? "IOS" : "ANDROID", "com.example.app" + i,
                    "GAME", "ACTIVE");
        }
    }

    @Test
    void insertsEveryPageThenRewritesOnlyWhatChangedAndArchivesWhatIsGone() throws Exception {
        seed(5);
        now.set(Instant.parse("2026-03-10T10:00:00Z"));

        ProductCatalogSync.Result first = sync().sync();

        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.inserted()).isEqualTo(5);
        assertThat(products.list(null, 100, 0)).hasSize(5).allSatisfy(p -> {
            assertThat(p.version()).isEqualTo(1);
            assertThat(p.status()).isEqualTo("ACTIVE");
            assertThat(p.syncedAt()).isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
        });
        StoredProduct app2 = products.find("com.example.app2").orElseThrow();
        assertThat(app2.platform()).isEqualTo("IOS");
        assertThat(app2.storeUrl()).isEqualTo("https://apps.apple.com/app/com.example.app2");

        catalog.putProduct("com.example.app2", "App 2 Deluxe", "IOS", "com.example.app2", "GAME", "ACTIVE")
                .putProduct("com.example.app3", "App 3", "ANDROID", "com.example.app3", "GAME", "ARCHIVED")
                .remove("com.example.app5")
                .putProduct("com.example.app6", "App 6", "ANDROID", "com.example.app6", "PUZZLE", "ACTIVE");
        now.set(Instant.parse("2026-03-10T10:15:00Z"));

        ProductCatalogSync.Result second = sync().sync();

        assertThat(second.summary()).isEqualTo(
                "pages 3, items 5: inserted 1, updated 2, unchanged 2, archived 1, malformed 0");
        StoredProduct renamed = products.find("com.example.app2").orElseThrow();
        assertThat(renamed.name()).isEqualTo("App 2 Deluxe");
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(renamed.syncedAt()).isEqualTo(Instant.parse("2026-03-10T10:15:00Z"));
        StoredProduct untouched = products.find("com.example.app1").orElseThrow();
        assertThat(untouched.version()).isEqualTo(1);
        assertThat(untouched.syncedAt()).as("unchanged rows keep their synced_at").isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
        assertThat(products.find("com.example.app3").orElseThrow().status()).isEqualTo("ARCHIVED");
        StoredProduct gone = products.find("com.example.app5").orElseThrow();
        assertThat(gone.status()).as("archived, not deleted").isEqualTo("ARCHIVED");
        assertThat(gone.upstreamStatus()).isEqualTo("ACTIVE");
        assertThat(gone.missingSince()).isEqualTo(Instant.parse("2026-03-10T10:15:00Z"));
        assertThat(gone.version()).isEqualTo(2);
        assertThat(products.list("ACTIVE", 100, 0)).extracting(StoredProduct::appId)
                .containsExactly("com.example.app1", "com.example.app2", "com.example.app4", "com.example.app6");

        // a third pass over an unchanged catalog writes nothing; a product coming back is present again
        now.set(Instant.parse("2026-03-10T10:30:00Z"));
        assertThat(sync().sync().summary()).isEqualTo(
                "pages 3, items 5: inserted 0, updated 0, unchanged 5, archived 0, malformed 0");
        catalog.putProduct("com.example.app5", "App 5", "ANDROID", "com.example.app5", "GAME", "ACTIVE");
        sync().sync();
        StoredProduct back = products.find("com.example.app5").orElseThrow();
        assertThat(back.status()).isEqualTo("ACTIVE");
        assertThat(back.missingSince()).isNull();
        assertThat(back.version()).isEqualTo(3);
    }

    @Test
    void survivesABurstOf503s() throws Exception {
        seed(3);
        catalog.failNext(3, 503);

        ProductCatalogSync.Result r = sync().sync();

        assertThat(r.inserted()).isEqualTo(3);
        assertThat(r.retries()).isEqualTo(3);
        assertThat(catalog.requestCount()).isEqualTo(2 + 3);
    }

    @Test
    void failsWithoutArchivingAnythingWhenRetriesRunOut() throws Exception {
        seed(3);
        sync().sync();
        catalog.remove("com.example.app3");
        catalog.failNext(10, 503);

        assertThatThrownBy(() -> sync(TOKEN, 3).sync()).isInstanceOf(CatalogException.class)
                .hasMessageContaining("after 3 attempts").hasMessageContaining("503");
        assertThat(products.list("ARCHIVED", 100, 0)).isEmpty();
    }

    @Test
    void aRefusedTokenFailsAtOnceWithoutRetries() {
        assertThatThrownBy(() -> sync("wrong-token", 5).sync()).isInstanceOf(CatalogException.class)
                .hasMessageContaining("401");
        assertThat(catalog.requestCount()).isEqualTo(1);
    }

    @Test
    void aMalformedItemIsSkippedAndCountedAndItsProductIsNotArchived() throws Exception {
        seed(4);
        sync().sync();
        catalog.putRaw("com.example.app2", "{\"appId\":\"com.example.app2\",\"name\":\"App 2\",\"platform\":\"WINDOWS\"}")
                .putRaw("zzz-1", "42")
                .putRaw("zzz-2", "{\"name\":\"no id\"}");

        ProductCatalogSync.Result r = sync().sync();

        assertThat(r.malformed()).isEqualTo(3);
        assertThat(r.items()).isEqualTo(6);
        assertThat(r.unchanged()).isEqualTo(3);
        assertThat(r.archived()).isZero();
        StoredProduct kept = products.find("com.example.app2").orElseThrow();
        assertThat(kept.status()).isEqualTo("ACTIVE");
        assertThat(kept.platform()).isEqualTo("IOS");
        assertThat(products.count()).isEqualTo(4);
    }

    @Test
    void anEmptyCatalogDoesNotArchiveEverything() throws Exception {
        seed(2);
        sync().sync();
        catalog.clearProducts();

        assertThatThrownBy(() -> sync().sync()).isInstanceOf(CatalogException.class).hasMessageContaining("no products");
        assertThat(products.list("ACTIVE", 100, 0)).hasSize(2);
    }
}
