package io.adplatform.loadgen.bidder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidLoadGeneratorTest {

    private static final List<byte[]> BODIES = new BidRequestMix(3, 1_000).requests(50);

    @TempDir
    Path dir;

    @Test
    void closedLoopAgainstTheBaselineCountsEveryAnswerAsANoBid() throws Exception {
        try (BareNetty204Server server = new BareNetty204Server(0, 2)) {
            BidLoadGenerator.Result result = new BidLoadGenerator(options(server.port(), 0, 4, 2, 1), BODIES).run();

            assertThat(result.noBid204()).isGreaterThan(500);
            assertThat(result.measured()).isEqualTo(result.noBid204());
            assertThat(result.failed()).isZero();
            assertThat(result.totalRequests()).isGreaterThan(result.measured()); // the warm-up is not measured
            assertThat(result.latencyMicros().getTotalCount()).isEqualTo(result.measured());
            assertThat(result.report()).contains("RESULT label=test mode=max").contains("errors=0");
        }
    }

    @Test
    void openLoopSendsAtTheTargetRateAndEveryBodyInTurn() throws Exception {
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        try (TestServer server = new TestServer((request, n) -> {
            seen.add(request.content().toString(StandardCharsets.UTF_8));
            return status(HttpResponseStatus.NO_CONTENT);
        })) {
            BidLoadGenerator.Result result = new BidLoadGenerator(options(server.port(), 400, 8, 3, 1), BODIES).run();

            assertThat(result.measured()).isBetween(1_180L, 1_201L); // 400/s for 3 s
            assertThat(result.failed()).isZero();
            assertThat(result.perSecond()).isBetween(390.0, 401.0);
            assertThat(seen).contains(new String(BODIES.get(0), StandardCharsets.UTF_8),
                    new String(BODIES.get(49), StandardCharsets.UTF_8));
        }
    }

    @Test
    void statusesAreCountedByClassWithTheFirstErrorKept() throws Exception {
        try (TestServer server = new TestServer((request, n) -> switch (n % 4) {
            case 0 -> status(HttpResponseStatus.OK, "{\"id\":\"x\",\"seatbid\":[]}");
            case 1 -> status(HttpResponseStatus.NO_CONTENT);
            case 2 -> status(HttpResponseStatus.BAD_REQUEST, "{\"title\":\"field 'imp' is required\"}");
            default -> status(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy");
        })) {
            BidLoadGenerator.Result result = new BidLoadGenerator(options(server.port(), 0, 1, 1, 0), BODIES).run();

            long quarter = result.measured() / 4;
            assertThat(result.ok200()).isBetween(quarter - 1, quarter + 1);
            assertThat(result.noBid204()).isBetween(quarter - 1, quarter + 1);
            assertThat(result.status4xx()).isBetween(quarter - 1, quarter + 1);
            assertThat(result.status5xx()).isBetween(quarter - 1, quarter + 1);
            assertThat(result.failed()).isEqualTo(result.status4xx() + result.status5xx());
            assertThat(result.errorSample()).matches("(400 .*field 'imp' is required.*|503 busy)");
        }
    }

    @Test
    void aServerThatStopsAnsweringShowsAsErrorsAndLatencyNotAsSilence() throws Exception {
        try (TestServer server = new TestServer((request, n) -> n < 100 ? status(HttpResponseStatus.NO_CONTENT)
                : null)) {
            BidLoadOptions options = new BidLoadOptions(URI.create("http://127.0.0.1:" + server.port() + "/bid"),
                    dir.resolve("unused"), 200, 2, 1, 2, 0, 300, null, "stall");

            BidLoadGenerator.Result result = new BidLoadGenerator(options, BODIES).run();

            assertThat(result.noBid204()).isEqualTo(100);
            assertThat(result.errors()).isGreaterThan(0);
            assertThat(result.unsent()).isGreaterThan(100); // due, never sent: the server did not keep up
            assertThat(result.latencyMicros().getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toMicros(300));
            assertThat(result.errorSample()).isNotNull();
            // the stall shows where it was: requests due in the first second (of two) waited; the worst second first
            assertThat(result.slowPerSecond()).hasSize(2);
            assertThat(result.slowPerSecond()[0]).isPositive();
            assertThat(result.report()).containsPattern("over 10 ms: \\d+ requests, in [12] of 2 seconds; "
                    + "the worst seconds \\(UTC, count, max ms\\): \\d\\d:\\d\\d:\\d\\d \\d+ \\d+;");
        }
    }

    @Test
    void theBaselineAnswersPostWith204AndKeepsTheConnection() throws Exception {
        try (BareNetty204Server server = new BareNetty204Server(0, 2)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/openrtb2/bid");
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(BODIES.get(i))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(204);
                assertThat(answer.body()).isEmpty();
            }
            assertThat(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
        }
    }

    @Test
    void optionsRefuseRemoteTargetsAndUnboundedRuns() throws Exception {
        Path requests = Files.writeString(dir.resolve("r.ndjson"), "{}\n");
        assertThatThrownBy(() -> BidLoadOptions.parse(new String[] {"--url", "http://10.0.0.1:8085/openrtb2/bid"}))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> BidLoadOptions.parse(new String[] {"--duration", "1000"}))
                .hasMessageContaining("900");
        assertThatThrownBy(() -> BidLoadOptions.parse(new String[] {"--connections", "5000"}))
                .hasMessageContaining("connections");
        BidLoadOptions ok = BidLoadOptions.parse(new String[] {"--requests", requests.toString(), "--rate", "5000",
            "--duration", "300", "--warmup", "30"});
        assertThat(ok.rate()).isEqualTo(5000);
        assertThat(ok.closedLoop()).isFalse();
    }

    private BidLoadOptions options(int port, int rate, int connections, int duration, int warmup) {
        return new BidLoadOptions(URI.create("http://127.0.0.1:" + port + "/openrtb2/bid"), dir.resolve("unused"),
                rate, connections, 1, duration, warmup, 2_000, null, "test");
    }

    private static FullHttpResponse status(HttpResponseStatus status) {
        return status(status, "");
    }

    private static FullHttpResponse status(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (status.code() != 204) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.getBytes(StandardCharsets.UTF_8).length);
        }
        return response;
    }

    /** A scripted server: the n-th request's answer, or null for none at all. */
    interface Script {
        FullHttpResponse answer(FullHttpRequest request, int n);
    }

    private static final class TestServer implements AutoCloseable {

        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel channel;

        TestServer(Script script) throws InterruptedException {
            AtomicInteger count = new AtomicInteger();
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                            FullHttpResponse answer = script.answer(req, count.getAndIncrement());
                                            if (answer != null) {
                                                ctx.writeAndFlush(answer);
                                            }
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
