package io.adplatform.bidder.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bid path's batched connection against the real Redis at 127.0.0.1:6379: on an event loop, what a pass issues
 * leaves when the pass is over (and then all of it, in order); off a loop, at once.
 */
class BatchedRedisIntegrationTest {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> plain;
    private static BatchedRedis batched;
    private static EventLoopGroup loops;

    @BeforeAll
    static void connect() {
        client = RedisClient.create("redis://127.0.0.1:6379");
        plain = client.connect();
        batched = new BatchedRedis(client.connect());
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void disconnect() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        batched.close();
        plain.close();
        client.shutdown();
    }

    @Test
    void offAnEventLoopACommandLeavesAtOnce() throws Exception {
        String key = "test:batched:" + UUID.randomUUID();
        try {
            RedisFuture<String> set = batched.send(r -> r.set(key, "v"));
            assertThat(set.get(2, TimeUnit.SECONDS)).isEqualTo("OK");
            assertThat(plain.sync().get(key)).isEqualTo("v");
        } finally {
            plain.sync().del(key);
        }
    }

    @Test
    void onAnEventLoopWhatAPassIssuesLeavesTogetherWhenThePassIsOver() throws Exception {
        String key = "test:batched:" + UUID.randomUUID();
        List<RedisFuture<Long>> increments = new ArrayList<>();
        try {
            List<Boolean> answeredDuringThePass = loops.next().submit(() -> {
                List<Boolean> answered = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    increments.add(batched.send(r -> r.incr(key)));
                }
                Thread.sleep(200); // Redis would have answered by now, had anything been written
                increments.forEach(f -> answered.add(f.isDone()));
                return answered;
            }).get(5, TimeUnit.SECONDS);

            assertThat(answeredDuringThePass).hasSize(100).containsOnly(false);
            for (int i = 0; i < 100; i++) {
                assertThat(increments.get(i).get(2, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            }
            assertThat(plain.sync().get(key)).isEqualTo("100");
        } finally {
            plain.sync().del(key);
        }
    }

    @Test
    void commandsIssuedByTwoLoopsAndFromCallbacksAllLeave() throws Exception {
        String key = "test:batched:" + UUID.randomUUID();
        try {
            List<RedisFuture<Long>> first = new ArrayList<>();
            var done = new java.util.concurrent.CompletableFuture<Long>();
            for (int loop = 0; loop < 2; loop++) {
                loops.next().execute(() -> {
                    synchronized (first) {
                        first.add(batched.send(r -> r.incr(key)));
                    }
                });
            }
            // a command issued from the callback of another (on Lettuce's own event loop)
            batched.send(r -> r.incr(key)).thenCompose(x -> batched.send(r -> r.incr(key)))
                    .thenAccept(done::complete);
            assertThat(done.get(2, TimeUnit.SECONDS)).isPositive();
            Thread.sleep(100);
            synchronized (first) {
                for (RedisFuture<Long> f : first) {
                    assertThat(f.get(2, TimeUnit.SECONDS)).isPositive();
                }
            }
            assertThat(plain.sync().get(key)).isEqualTo("4");
        } finally {
            plain.sync().del(key);
        }
    }
}
