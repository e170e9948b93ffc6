package io.adplatform.bidder.server;

import io.adplatform.bidder.bidding.BidFlow;
import io.adplatform.bidder.notice.NoticeService;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.InvalidBidRequest;
import io.adplatform.bidder.openrtb.RequestProblem;
import io.adplatform.common.kafka.EventJson;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the exchange-facing port: {@code POST /openrtb2/bid}, the notices ({@code /notice/win|bill|loss|imp}) and the
 * click redirect ({@code /click}). A bid request gets its answer, or a no-bid when {@code tmax} minus the network margin
 * runs out first; a bad request a problem+json naming its fields; nothing here ever answers 5xx for a client's input.
 */
@ChannelHandler.Sharable
public final class ExchangeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);
    private static final byte[] PIXEL = java.util.Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private final BidFlow flow;
    private final NoticeService notices;
    private final ServerProperties properties;
    private final BidMetrics metrics;

    public ExchangeHandler(BidFlow flow, NoticeService notices, ServerProperties properties, BidMetrics metrics) {
        this.flow = flow;
        this.notices = notices;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        try {
            if (path.equals("/openrtb2/bid")) {
                if (request.method() != HttpMethod.POST) {
                    problem(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST", List.of());
                    return;
                }
                bid(ctx, request, uri, keepAlive, start);
            } else if (path.startsWith("/notice/") || path.equals("/click")) {
                notice(ctx, path, uri, keepAlive);
            } else {
                problem(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path, List.of());
            }
        } catch (RuntimeException e) {
            log.error("unexpected error on {}", path, e);
            problem(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the bidder failed; see its logs",
                    List.of());
        }
    }

    private void bid(ChannelHandlerContext ctx, FullHttpRequest http, QueryStringDecoder uri, boolean keepAlive,
                     long start) {
        BidRequest request;
        try {
            byte[] body = ByteBufUtil.getBytes(http.content());
            request = flow.read(body, http.headers().get(HttpHeaderNames.CONTENT_ENCODING),
                    http.headers().get("x-openrtb-version"));
        } catch (InvalidBidRequest e) {
            metrics.outcome("invalid", 0, start);
            problem(ctx, keepAlive, HttpResponseStatus.valueOf(e.status()), e.getMessage(), e.problems());
            return;
        }
        long tmaxNanos = TimeUnit.MILLISECONDS.toNanos(request.tmax() == null ? properties.defaultTmax().toMillis()
                : request.tmax());
        long deadline = start + tmaxNanos - properties.networkMargin().toNanos();
        if (deadline - System.nanoTime() < properties.minBudget().toNanos()) {
            metrics.outcome("deadline", 0, start);
            write(ctx, keepAlive, noContent());
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        var timeout = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                metrics.outcome("timeout", 0, start);
                write(ctx, keepAlive, noContent());
            }
        }, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        String exchange = uri.parameters().getOrDefault("exchange", List.of(properties.defaultExchange())).get(0);
        flow.bid(request, remote(ctx), exchange, deadline, ctx.executor()).whenComplete((outcome, error) -> {
            if (!answered.compareAndSet(false, true)) {
                return; // the deadline answered for us
            }
            timeout.cancel(false);
            if (error != null) {
                log.warn("bid request {} failed; answering no-bid", request.id(), error);
                metrics.outcome("error", 0, start);
                write(ctx, keepAlive, noContent());
            } else if (outcome.status() == 200) {
                metrics.outcome("bid", outcome.bids(), start);
                write(ctx, keepAlive, json(HttpResponseStatus.OK, "application/json", outcome.body()));
            } else {
                metrics.outcome(outcome.reason(), 0, start);
                write(ctx, keepAlive, noContent());
            }
        });
    }

    private void notice(ChannelHandlerContext ctx, String path, QueryStringDecoder uri, boolean keepAlive) {
        NoticeService.Kind kind = switch (path) {
            case "/notice/win" -> NoticeService.Kind.WIN;
            case "/notice/bill" -> NoticeService.Kind.BILLING;
            case "/notice/loss" -> NoticeService.Kind.LOSS;
            case "/notice/imp" -> NoticeService.Kind.IMPRESSION;
            case "/click" -> NoticeService.Kind.CLICK;
            default -> null;
        };
        if (kind == null) {
            problem(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no such notice: " + path, List.of());
            return;
        }
        Map<String, List<String>> q = uri.parameters();
        notices.handle(kind, first(q, "b"), first(q, "p"), first(q, "r")).whenComplete((result, error) -> {
            if (error != null) {
                log.warn("{} notice failed", kind, error);
                problem(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "could not record the notice; retry",
                        List.of());
            } else if (result.field() != null || result.status() >= 400) {
                problem(ctx, keepAlive, HttpResponseStatus.valueOf(result.status()), result.detail(),
                        result.field() == null ? List.of() : List.of(new RequestProblem(result.field(), result.detail())));
            } else if (result.status() == 302) {
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND);
                r.headers().set(HttpHeaderNames.LOCATION, result.location());
                r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                write(ctx, keepAlive, r);
            } else if (kind == NoticeService.Kind.IMPRESSION) {
                write(ctx, keepAlive, json(HttpResponseStatus.OK, "image/gif", PIXEL));
            } else {
                write(ctx, keepAlive, noContent());
            }
        });
    }

    private void problem(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String detail,
                         List<RequestProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        if (!problems.isEmpty()) {
            body.put("errors", problems);
        }
        write(ctx, keepAlive, json(status, "application/problem+json", EventJson.mapper().writeValueAsBytes(body)));
    }

    private static FullHttpResponse json(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set("x-openrtb-version", "2.6");
        return r;
    }

    private static FullHttpResponse noContent() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return r;
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error", cause);
        ctx.close();
    }
}
