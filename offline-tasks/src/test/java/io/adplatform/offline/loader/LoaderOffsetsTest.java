package io.adplatform.offline.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.adplatform.offline.support.TestDatabase;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The loader's positions on a real MariaDB: claims fence whoever held the partition before. */
class LoaderOffsetsTest {

    private static TestDatabase db;
    private static HikariDataSource pool;
    private static LoaderOffsets offsets;
    private final TopicPartition tp = new TopicPartition("bid-events", (int) (Math.random() * 1_000_000));

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
        Flyway.configure().dataSource(db.url(), "root", "").load().migrate();
        pool = new HikariDataSource();
        pool.setJdbcUrl(db.url());
        pool.setUsername("root");
        pool.setPassword("");
        offsets = new LoaderOffsets(JdbcClient.create(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)), "group-a");
    }

    @AfterAll
    static void drop() {
        pool.close();
        db.drop();
    }

    @Test
    void aNewPartitionStartsAtZeroAndMovesOnlyForItsCurrentOwner() {
        LoaderOffsets.Position first = offsets.claim(tp);
        assertThat(first.next()).isZero();
        assertThat(first.pending()).isFalse();
        assertThat(offsets.begin(tp, first.epoch(), 0, 99)).isTrue();
        assertThat(offsets.complete(tp, first.epoch(), 100)).isTrue();

        // Another consumer claims it (a rebalance, or this one stalled): the first can no longer write.
        LoaderOffsets.Position second = offsets.claim(tp);
        assertThat(second.epoch()).isGreaterThan(first.epoch());
        assertThat(second.next()).isEqualTo(100);
        assertThat(offsets.begin(tp, first.epoch(), 100, 199)).isFalse();
        assertThat(offsets.complete(tp, first.epoch(), 200)).isFalse();
        assertThat(offsets.begin(tp, second.epoch(), 100, 149)).isTrue();

        // A crash now: the next claim finds the pending range, to be inserted again exactly.
        LoaderOffsets.Position third = offsets.claim(tp);
        assertThat(third.pending()).isTrue();
        assertThat(third.pendingFrom()).isEqualTo(100);
        assertThat(third.pendingTo()).isEqualTo(149);
        assertThat(offsets.complete(tp, second.epoch(), 150)).isFalse();
        assertThat(offsets.complete(tp, third.epoch(), 150)).isTrue();
        assertThat(offsets.claim(tp).next()).isEqualTo(150);
    }

    @Test
    void groupsKeepPositionsOfTheirOwn() {
        LoaderOffsets other = new LoaderOffsets(JdbcClient.create(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)), "group-b");
        LoaderOffsets.Position a = offsets.claim(tp);
        offsets.complete(tp, a.epoch(), 42);
        assertThat(other.claim(tp).next()).isZero();
        assertThat(offsets.claim(tp).next()).isEqualTo(42);
    }
}
