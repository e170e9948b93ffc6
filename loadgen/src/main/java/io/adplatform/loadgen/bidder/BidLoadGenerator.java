package io.adplatform.loadgen.bidder;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Load generator for the bidder's {@code POST /openrtb2/bid} (and any HTTP/1.1 endpoint, e.g. the bare-Netty baseline):
 * the request mix pre-encoded once into ready-to-send HTTP requests, sent over C keep-alive connections by Netty event
 * loops (epoll where available) — one thread drives tens of thousands of requests per second, leaving the CPU to the
 * server on the same machine.
 *
 * <p><b>Open loop</b> ({@code --rate N}): requests fall due on a fixed schedule; a due request goes out on an idle
 * connection, or waits in a queue until one is free, and its latency is measured from the moment it was <em>due</em>
 * — a stalled server cannot hide its queueing (no coordinated omission), and neither can a late generator (its own
 * lag is reported too). <b>Closed loop</b> ({@code --rate 0}): every connection sends again as soon as it has its
 * answer, for maximum throughput. The warm-up runs on its own schedule and is not recorded; requests still waiting
 * when the run ends count as errors. Counts 200 (bid), 204 (no bid), 4xx, 5xx and errors (connection failures,
 * timeouts, unsent); HdrHistogram percentiles; prints a summary and a {@code RESULT key=value} line, and writes both
 * with the latency distribution to {@code --out}.
 *
 * <pre>java -cp ... io.adplatform.loadgen.bidder.BidLoadGenerator --url http://127.0.0.1:8085/openrtb2/bid
 *     --requests requests.ndjson --rate 10000 --connections 64 --duration 60 --warmup 20 --out result.txt</pre>
 */
public final class BidLoadGenerator {

    /** Shortest wait between two pacing ticks: below it, due requests are sent in one go. */
    private static final long MIN_TICK_NANOS = 200_000;

    private final BidLoadOptions options;
    private final ByteBuf[] encoded;

    BidLoadGenerator(BidLoadOptions options, List<byte[]> bodies) {
        this.options = options;
        this.encoded = encode(options, bodies);
    }

    public static void main(String[] args) throws Exception {
        BidLoadOptions options = BidLoadOptions.parse(args);
        List<byte[]> bodies = readBodies(options);
        Result result = new BidLoadGenerator(options, bodies).run();
        String report = result.report();
        System.out.println(report);
        if (options.out() != null) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(options.out()), true, StandardCharsets.UTF_8)) {
                out.println(report);
                out.println();
                out.println("latency distribution (ms):");
                result.latencyMicros().outputPercentileDistribution(out, 5, 1000.0);
            }
        }
        System.exit(result.failed() == 0 ? 0 : 2);
    }

    private static List<byte[]> readBodies(BidLoadOptions options) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        for (String line : Files.readAllLines(options.requests(), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                bodies.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("no requests in " + options.requests());
        }
        return bodies;
    }

    /** Each body as a complete HTTP/1.1 request in an off-heap buffer: sending one is a duplicate and a write. */
    private static ByteBuf[] encode(BidLoadOptions options, List<byte[]> bodies) {
        String path = options.url().getRawPath().isEmpty() ? "/" : options.url().getRawPath();
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + options.url().getHost() + ":" + options.url().getPort()
                + "\r\nContent-Type: application/json\r\nx-openrtb-version: 2.6\r\nUser-Agent: adplatform-loadgen/1.0"
                + "\r\nContent-Length: ";
        ByteBuf[] out = new ByteBuf[bodies.size()];
        for (int i = 0; i < out.length; i++) {
            byte[] h = (head + bodies.get(i).length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            ByteBuf buf = Unpooled.directBuffer(h.length + bodies.get(i).length);
            buf.writeBytes(h).writeBytes(bodies.get(i));
            out[i] = Unpooled.unreleasableBuffer(buf);
        }
        return out;
    }

    Result run() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), io);
        try {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupS());
            long end = measureFrom + TimeUnit.SECONDS.toNanos(options.durationS());
            List<Driver> drivers = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                int connections = options.connections() / options.threads()
                        + (t < options.connections() % options.threads() ? 1 : 0);
                drivers.add(new Driver(t, group.next(), connections, start, measureFrom, end));
            }
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
            for (Driver d : drivers) {
                d.connectAll(bootstrap);
            }
            for (Driver d : drivers) {
                d.loop.execute(d::begin);
            }
            long drainUntil = end + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs() + 1_000L);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
            Result total = null;
            for (Driver d : drivers) {
                Result r = d.awaitResult(drainUntil);
                total = total == null ? r : total.plus(r);
            }
            return total;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The measured figures.
     *
     * @param totalRequests answered requests including the warm-up (for allocation per request on the server)
     * @param lagMicros     due → sent: the generator's pacing lateness plus the wait for a free connection
     */
    record Result(BidLoadOptions options, long measuredNanos, long ok200, long noBid204, long status4xx,
                  long status5xx, long otherStatus, long errors, long unsent, long totalRequests, Histogram latencyMicros,
                  Histogram lagMicros, String errorSample, long measuredFromEpochMillis, int[] slowPerSecond,
                  long[] maxMicrosPerSecond) {

        /** What counts as slow in the per-second figures. */
        static final long SLOW_MICROS = 10_000;

        long measured() {
            return ok200 + noBid204 + status4xx + status5xx + otherStatus;
        }

        long failed() {
            return status4xx + status5xx + otherStatus + errors + unsent;
        }

        double perSecond() {
            return measured() / (measuredNanos / 1e9);
        }

        Result plus(Result o) {
            Histogram latency = latencyMicros.copy();
            latency.add(o.latencyMicros);
            Histogram lag = lagMicros.copy();
            lag.add(o.lagMicros);
            int[] slow = slowPerSecond.clone();
            long[] max = maxMicrosPerSecond.clone();
            for (int i = 0; i < slow.length && i < o.slowPerSecond.length; i++) {
                slow[i] += o.slowPerSecond[i];
                max[i] = Math.max(max[i], o.maxMicrosPerSecond[i]);
            }
            return new Result(options, measuredNanos, ok200 + o.ok200, noBid204 + o.noBid204,
                    status4xx + o.status4xx, status5xx + o.status5xx, otherStatus + o.otherStatus, errors + o.errors,
                    unsent + o.unsent, totalRequests + o.totalRequests, latency, lag,
                    errorSample != null ? errorSample : o.errorSample, measuredFromEpochMillis, slow, max);
        }

        String report() {
            double seconds = measuredNanos / 1e9;
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s: %s, %d connections, %d thread(s), measured %.0f s after %d s "
                            + "warm-up%n", options.label(), options.closedLoop() ? "closed loop (max)"
                            : "open loop at " + options.rate() + "/s", options.connections(), options.threads(), seconds,
                    options.warmupS()));
            out.append(String.format(Locale.ROOT, "requests: %d (%.0f/s); 200 %d, 204 %d, 4xx %d, 5xx %d, other %d, "
                            + "errors %d, unsent %d%n", measured(), perSecond(), ok200, noBid204, status4xx, status5xx,
                    otherStatus, errors, unsent));
            out.append(String.format(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f"
                            + "  (due → sent p99 %.2f ms)%n", ms(latencyMicros, 50), ms(latencyMicros, 90),
                    ms(latencyMicros, 99), ms(latencyMicros, 99.9), latencyMicros.getMaxValue() / 1000.0,
                    ms(lagMicros, 99)));
            if (errorSample != null) {
                out.append("first error: ").append(errorSample).append('\n');
            }
            out.append(slowSeconds());
            out.append(String.format(Locale.ROOT, "RESULT label=%s mode=%s target_rate=%d requests_per_s=%.0f "
                            + "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f ok_200=%d nobid_204=%d "
                            + "status_4xx=%d status_5xx=%d errors=%d unsent=%d total_requests=%d send_delay_p99_ms=%.2f",
                    options.label(), options.closedLoop() ? "max" : "fixed", options.rate(), perSecond(),
                    ms(latencyMicros, 50), ms(latencyMicros, 90), ms(latencyMicros, 99), ms(latencyMicros, 99.9),
                    latencyMicros.getMaxValue() / 1000.0, ok200, noBid204, status4xx, status5xx,
                    errors + otherStatus, unsent, totalRequests, ms(lagMicros, 99)));
            return out.toString();
        }

        /**
         * Where in the run the requests over {@link #SLOW_MICROS} fell (by when they were due): how many seconds had
         * any, and the worst ten with their wall-clock time, to set beside the server's GC log.
         */
        String slowSeconds() {
            long total = 0;
            int seconds = 0;
            Integer[] order = new Integer[slowPerSecond.length];
            for (int i = 0; i < slowPerSecond.length; i++) {
                order[i] = i;
                total += slowPerSecond[i];
                seconds += slowPerSecond[i] > 0 ? 1 : 0;
            }
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(slowPerSecond[b], slowPerSecond[a]));
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "over %d ms: %d requests, in %d of %d seconds; the worst seconds (UTC, count, max ms):",
                    SLOW_MICROS / 1000, total, seconds, slowPerSecond.length));
            java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                    .withZone(java.time.ZoneOffset.UTC);
            for (int k = 0; k < Math.min(10, order.length) && slowPerSecond[order[k]] > 0; k++) {
                int i = order[k];
                out.append(String.format(Locale.ROOT, " %s %d %.0f;",
                        time.format(java.time.Instant.ofEpochMilli(measuredFromEpochMillis + i * 1000L)),
                        slowPerSecond[i], maxMicrosPerSecond[i] / 1000.0));
            }
            return out.append('\n').toString();
        }

        private static double ms(Histogram h, double percentile) {
            return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /**
     * One event loop's share of the connections and of the schedule. Everything in it runs on that loop's thread,
     * so it needs no locks; the result is read once the loop has finished.
     */
    private final class Driver {

        private final int id;
        private final EventLoop loop;
        private final Connection[] connections;
        private final Connection[] idle;
        private int idleCount;
        private final long start;
        private final long measureFrom;
        private final long end;
        private final long interval;
        private long nextDue;
        private boolean begun;
        private boolean measuring;
        private boolean finished;
        private long[] pending = new long[1024];
        private int pendingHead;
        private int pendingSize;
        private int nextRequest;
        private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        private final Histogram lag = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        private final int[] slowPerSecond = new int[Math.max(1, options.durationS())];
        private final long[] maxMicrosPerSecond = new long[Math.max(1, options.durationS())];
        private long ok200;
        private long noBid204;
        private long status4xx;
        private long status5xx;
        private long otherStatus;
        private long errors;
        private long unsent;
        private long total;
        private String errorSample;
        private Bootstrap bootstrap;
        private final CompletableFuture<Result> result = new CompletableFuture<>();

        Driver(int id, EventLoop loop, int connections, long start, long measureFrom, long end) {
            this.id = id;
            this.loop = loop;
            this.connections = new Connection[connections];
            this.idle = new Connection[connections];
            this.start = start;
            this.measureFrom = measureFrom;
            this.end = end;
            this.interval = options.closedLoop() ? 0 : Math.max(1, TimeUnit.SECONDS.toNanos(options.threads())
                    / options.rate());
            this.nextRequest = (int) ((long) encoded.length * id / options.threads());
        }

        void connectAll(Bootstrap template) throws InterruptedException {
            bootstrap = template.clone(loop);
            for (int i = 0; i < connections.length; i++) {
                connections[i] = new Connection(this, i);
            }
            for (Connection c : connections) {
                ChannelFuture f = c.connect().awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new IllegalStateException("cannot connect to " + options.url() + ": " + f.cause());
                }
            }
        }

        /** On the loop: all connections are up; start the warm-up schedule. */
        void begin() {
            begun = true;
            for (Connection c : connections) {
                if (c.channel != null && c.channel.isActive()) {
                    makeIdle(c);
                }
            }
            nextDue = Math.max(start, System.nanoTime());
            loop.scheduleAtFixedRate(this::checkTimeouts, 100, 100, TimeUnit.MILLISECONDS);
            pace();
        }

        private void pace() {
            if (finished) {
                return;
            }
            long now = System.nanoTime();
            if (now < start) {
                loop.schedule(this::pace, start - now, TimeUnit.NANOSECONDS);
                return;
            }
            if (!measuring && now >= measureFrom) {
                measuring = true; // a fresh schedule: the warm-up's backlog is not carried into the measurement
                pendingSize = 0;
                nextDue = measureFrom;
            }
            if (now >= end) {
                stopSending(now);
                return;
            }
            if (options.closedLoop()) {
                while (idleCount > 0) {
                    send(takeIdle(), now);
                }
                loop.schedule(this::pace, Math.min(end, measuring ? end : measureFrom) - now, TimeUnit.NANOSECONDS);
                return;
            }
            long boundary = measuring ? end : measureFrom;
            while (nextDue <= now && nextDue < boundary) {
                enqueue(nextDue);
                nextDue += interval;
            }
            while (pendingSize > 0 && idleCount > 0) {
                send(takeIdle(), dequeue());
            }
            long wake = Math.min(Math.max(nextDue, now + MIN_TICK_NANOS), boundary);
            loop.schedule(this::pace, Math.max(0, wake - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        private void send(Connection c, long due) {
            long now = System.nanoTime();
            c.due = due;
            c.sentAt = now;
            c.measured = measuring && due >= measureFrom && due < end;
            if (c.measured) {
                lag.recordValue(Math.max(0, (now - due) / 1000));
            }
            ByteBuf request = encoded[nextRequest].duplicate();
            if (++nextRequest == encoded.length) {
                nextRequest = 0;
            }
            c.channel.writeAndFlush(request, c.channel.voidPromise());
        }

        /** A connection has its answer (or lost it): record, then reuse it for the next due request. */
        void completed(Connection c, int status, String errorText) {
            long now = System.nanoTime();
            total++;
            if (c.measured) {
                long micros = Math.max(0, (now - c.due) / 1000);
                latency.recordValue(micros);
                int second = (int) Math.min(slowPerSecond.length - 1, (c.due - measureFrom) / 1_000_000_000L);
                if (micros > Result.SLOW_MICROS) {
                    slowPerSecond[second]++;
                }
                maxMicrosPerSecond[second] = Math.max(maxMicrosPerSecond[second], micros);
                if (status == 200) {
                    ok200++;
                } else if (status == 204) {
                    noBid204++;
                } else if (status >= 400 && status < 500) {
                    status4xx++;
                } else if (status >= 500) {
                    status5xx++;
                } else if (status > 0) {
                    otherStatus++;
                } else {
                    errors++;
                }
                if (errorSample == null && errorText != null) {
                    errorSample = errorText;
                }
            }
            c.due = 0;
            if (status > 0 && c.channel.isActive()) {
                released(c, now);
            }
        }

        private void released(Connection c, long now) {
            if (finished || now >= end) {
                maybeFinish();
                return;
            }
            if (options.closedLoop()) {
                send(c, now);
            } else if (pendingSize > 0) {
                send(c, dequeue());
            } else {
                makeIdle(c);
            }
        }

        private void makeIdle(Connection c) {
            if (!c.idle) {
                c.idle = true;
                idle[idleCount++] = c;
            }
        }

        private Connection takeIdle() {
            Connection c = idle[--idleCount];
            c.idle = false;
            return c;
        }

        private void dropIdle(Connection c) {
            if (c.idle) {
                c.idle = false;
                for (int i = 0; i < idleCount; i++) {
                    if (idle[i] == c) {
                        idle[i] = idle[--idleCount];
                        break;
                    }
                }
            }
        }

        /** A (re)connected channel joins the idle set; a lost one is replaced after a short pause. */
        void connected(Connection c) {
            if (begun && !finished && System.nanoTime() < end && c.due == 0) {
                released(c, System.nanoTime());
            }
        }

        void lost(Connection c, String why) {
            dropIdle(c);
            if (c.due != 0) {
                completed(c, 0, why);
            }
            if (!finished && System.nanoTime() < end) {
                loop.schedule(c::connect, 50, TimeUnit.MILLISECONDS);
            } else {
                maybeFinish();
            }
        }

        private void checkTimeouts() {
            long limit = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());
            for (Connection c : connections) {
                if (c.due != 0 && c.sentAt < limit && c.channel != null) {
                    Channel ch = c.channel;
                    completed(c, 0, "no answer within " + options.timeoutMs() + " ms");
                    ch.close();
                }
            }
            if (finished || System.nanoTime() >= end) {
                maybeFinish();
            }
        }

        private void stopSending(long now) {
            if (!finished) {
                finished = true;
                unsent += pendingSize; // due in the measured window but never sent: the server did not keep up
                if (errorSample == null && pendingSize > 0) {
                    errorSample = pendingSize + " requests still waiting for a connection at the end";
                }
                pendingSize = 0;
            }
            maybeFinish();
        }

        private void maybeFinish() {
            if (result.isDone()) {
                return;
            }
            if (!finished) {
                if (System.nanoTime() >= end) {
                    stopSending(System.nanoTime());
                }
                return;
            }
            for (Connection c : connections) {
                if (c.due != 0) {
                    return;
                }
            }
            result.complete(snapshot());
        }

        private Result snapshot() {
            return new Result(options, end - measureFrom, ok200, noBid204, status4xx, status5xx, otherStatus,
                    errors, unsent, total, latency.copy(), lag.copy(), errorSample,
                    System.currentTimeMillis() + (measureFrom - System.nanoTime()) / 1_000_000,
                    slowPerSecond.clone(), maxMicrosPerSecond.clone());
        }

        Result awaitResult(long drainUntil) throws InterruptedException {
            try {
                return result.get(Math.max(1, drainUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // answers still missing after the drain time: count them as errors
                try {
                    return loop.submit(() -> {
                        for (Connection c : connections) {
                            if (c.due != 0) {
                                completed(c, 0, "no answer by the end of the run");
                            }
                        }
                        finished = true;
                        return snapshot();
                    }).get(5, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e2) {
                    throw new IllegalStateException("the load generator's event loop is stuck", e2);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        private void enqueue(long due) {
            if (pendingSize == pending.length) {
                long[] grown = new long[pending.length * 2];
                for (int i = 0; i < pendingSize; i++) {
                    grown[i] = pending[(pendingHead + i) % pending.length];
                }
                pending = grown;
                pendingHead = 0;
            }
            pending[(pendingHead + pendingSize++) % pending.length] = due;
        }

        private long dequeue() {
            long due = pending[pendingHead];
            pendingHead = (pendingHead + 1) % pending.length;
            pendingSize--;
            return due;
        }
    }

    /** One keep-alive connection: at most one request in flight (exchanges do not pipeline). */
    private final class Connection implements ResponseReader.Listener {

        private final Driver driver;
        private final int index;
        private Channel channel;
        private long due;
        private long sentAt;
        private boolean measured;
        private boolean idle;

        Connection(Driver driver, int index) {
            this.driver = driver;
            this.index = index;
        }

        ChannelFuture connect() {
            ChannelFuture f = driver.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new ResponseReader(Connection.this));
                }
            }).connect(options.url().getHost(), options.url().getPort());
            f.addListener((ChannelFuture done) -> {
                if (done.isSuccess()) {
                    channel = done.channel();
                    driver.connected(this);
                } else if (driver.begun) {
                    driver.lost(this, "connect failed: " + done.cause());
                }
            });
            return f;
        }

        @Override
        public boolean wantsErrorBody() {
            return driver.errorSample == null;
        }

        @Override
        public void response(Channel ch, int status, String errorBody) {
            if (ch == channel && due != 0) {
                driver.completed(this, status, errorBody == null ? null : status + " " + abbreviate(errorBody));
            }
        }

        @Override
        public void closed(Channel ch) {
            if (ch == channel) {
                driver.lost(this, "connection closed by the server");
            }
        }

        @Override
        public void failed(Channel ch, Throwable cause) {
            if (ch == channel && due != 0) {
                driver.completed(this, 0, cause.toString());
            }
            ch.close();
        }

        @Override
        public String toString() {
            return "connection-" + driver.id + "-" + index;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
