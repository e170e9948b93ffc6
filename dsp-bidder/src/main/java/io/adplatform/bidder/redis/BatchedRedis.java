package io.adplatform.bidder.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The bid path's own Lettuce connection, its commands written in batches: auto-flush is off, and {@link #send} asks
 * for one flush per pass of the Netty event loop it runs on — a task queued behind what the loop is doing now (the
 * requests of a read, the continuations that arrived meanwhile), so every command they issue leaves in one write and
 * one wake-up of Lettuce's I/O thread instead of one each. Off an event loop a command is flushed at once.
 *
 * <p>Every command on this connection must go through {@link #send}: a command issued otherwise would wait for the
 * next flush. Code on an event loop must not block on a reply (the flush runs after it, on the same thread); the bid
 * path never blocks.
 */
public final class BatchedRedis {

    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> commands;
    private final FastThreadLocal<Flush> flushes = new FastThreadLocal<>() {
        @Override
        protected Flush initialValue() {
            return new Flush();
        }
    };

    public BatchedRedis(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        this.commands = connection.async();
        connection.setAutoFlushCommands(false);
    }

    /** Issues the commands {@code issue} gives; they go out with the rest of this event-loop pass's commands. */
    public <T> T send(Function<RedisAsyncCommands<String, String>, T> issue) {
        T result = issue.apply(commands);
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            connection.flushCommands();
            return result;
        }
        Flush flush = flushes.get();
        if (!flush.pending) {
            flush.pending = true;
            try {
                loop.execute(flush);
            } catch (RejectedExecutionException e) { // the loop is shutting down
                flush.run();
            }
        }
        return result;
    }

    public void close() {
        connection.close();
    }

    /** One per event-loop thread: only that thread touches {@code pending}. */
    private final class Flush implements Runnable {
        boolean pending;

        @Override
        public void run() {
            pending = false;
            connection.flushCommands();
        }
    }
}
