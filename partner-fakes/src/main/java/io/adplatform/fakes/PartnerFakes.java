package io.adplatform.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One local HTTP server with the partner fakes:
 * <ul>
 *   <li>{@code POST /appsflyer/inappevent/{app_id}} — AppsFlyer S2S ({@link AppsFlyerFake})</li>
 *   <li>{@code POST /meta/{version}/{dataset_id}/events} — Meta Conversions API ({@link MetaFake})</li>
 *   <li>{@code /meta/{version}/act_{id}/campaigns|adsets|adcreatives|ads|insights}, {@code /meta/{version}/{id}} and
 *       batches at {@code POST /meta/} or {@code /meta/{version}/} — Meta Marketing API ({@link MetaMarketingFake})</li>
 *   <li>{@code POST /tiktok/open_api/v1.3/event/track/} — TikTok Events API ({@link TikTokFake})</li>
 *   <li>{@code /tiktok/open_api/v1.3/campaign|adgroup|ad/create/}, {@code …/get/}, {@code …/status/update/},
 *       {@code ad/update/}, {@code report/integrated/get/} — TikTok Marketing API ({@link TikTokMarketingFake})</li>
 *   <li>{@code /generic-dsp/ads/{adId}[/deeplink|/status]} — a plain JSON DSP ({@link GenericDspFake})</li>
 *   <li>{@code GET /product-catalog/v1/products?page=&pageSize=} — the upstream product catalog
 *       ({@link ProductCatalogFake}); not listed in the {@code /_fakes} views</li>
 *   <li>{@code /middle-end/{user-center|finance-center}/v1/apps/{appId}/integration|data-tasks} — the middle ends
 *       ({@link MiddleEndFake}); not listed in the {@code /_fakes} views</li>
 *   <li>{@code GET /_fakes/received?partner=&limit=&accepted=} and {@code GET /_fakes/stats} — a read-only view of what
 *       arrived, credentials masked</li>
 * </ul>
 * So a client's base URLs are {@link #appsflyerBaseUrl()}, {@link #metaBaseUrl()}, {@link #tiktokBaseUrl()} (event and
 * Marketing APIs share a host, as at the partners) and {@link #genericDspBaseUrl()}.
 */
public final class PartnerFakes implements AutoCloseable {

    public static final int DEFAULT_PORT = 8090;

    static {
        // The JDK server leaves Nagle on by default: a response written as headers then body then waits for the
        // client's delayed ACK, ~40 ms per request. Real partners answer without that stall. Read once per JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // It also closes keep-alive connections beyond 200 idle ones, racing clients that reuse them (a request on a
        // just-closed connection fails in transport). Partners keep more; so does the fake.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        }
    }
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    /** Answers after the simulated latency without holding a thread per waiting request. */
    private final java.util.concurrent.ScheduledExecutorService delayed;
    private final AppsFlyerFake appsflyer;
    private final MetaFake meta;
    private final TikTokFake tiktok;
    private final MetaMarketingFake metaMarketing;
    private final TikTokMarketingFake tiktokMarketing;
    private final GenericDspFake genericDsp;
    private final ProductCatalogFake productCatalog;
    private final MiddleEndFake middleEnd;
    /** Every fake by its name, in the order the views list them. */
    private final Map<String, PartnerFake> byName = new LinkedHashMap<>();
    /** Path prefix → the fakes behind it, asked in turn ({@link PartnerFake#serves}); the last one takes the rest. */
    private final Map<String, List<PartnerFake>> byPrefix;

    private PartnerFakes(Builder b) throws IOException {
        this.appsflyer = new AppsFlyerFake(b.clock, b.maxRecorded);
        this.meta = new MetaFake(b.clock, b.maxRecorded);
        this.tiktok = new TikTokFake(b.clock, b.maxRecorded);
        this.metaMarketing = new MetaMarketingFake(b.clock, b.maxRecorded);
        this.tiktokMarketing = new TikTokMarketingFake(b.clock, b.maxRecorded);
        this.genericDsp = new GenericDspFake(b.clock, b.maxRecorded);
        this.productCatalog = new ProductCatalogFake(b.clock, b.maxRecorded);
        this.middleEnd = new MiddleEndFake(b.clock, b.maxRecorded);
        List.of(appsflyer, meta, tiktok, metaMarketing, tiktokMarketing, genericDsp).forEach(f -> byName.put(f.name(), f));
        this.byPrefix = Map.of("appsflyer", List.of(appsflyer), "meta", List.of(metaMarketing, meta),
                "tiktok", List.of(tiktokMarketing, tiktok), "generic-dsp", List.of(genericDsp),
                "product-catalog", List.of(productCatalog), "middle-end", List.of(middleEnd));
        // Handlers only read and validate; the simulated latency is a scheduled answer, so concurrency is not bounded
        // by threads (an exchange may be completed from any thread once the handler returned).
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "partner-fakes-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(b.threads, threads);
        this.delayed = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "partner-fakes-latency-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server on a random loopback port with the system clock. */
    public static PartnerFakes start() {
        return builder().start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String appsflyerBaseUrl() {
        return baseUrl() + "/appsflyer";
    }

    public String metaBaseUrl() {
        return baseUrl() + "/meta";
    }

    /** Events API and Marketing API alike: the Marketing API is at {@code tiktokBaseUrl() + "/open_api/v1.3/"}. */
    public String tiktokBaseUrl() {
        return baseUrl() + "/tiktok";
    }

    public String genericDspBaseUrl() {
        return baseUrl() + "/generic-dsp";
    }

    /** The product catalog's base URL: its API is {@code productCatalogBaseUrl() + "/v1/products"}. */
    public String productCatalogBaseUrl() {
        return baseUrl() + "/product-catalog";
    }

    /** User center and finance center: {@code middleEndBaseUrl() + "/user-center/v1/apps/{appId}/..."}. */
    public String middleEndBaseUrl() {
        return baseUrl() + "/middle-end";
    }

    public MiddleEndFake middleEnd() {
        return middleEnd;
    }

    public AppsFlyerFake appsflyer() {
        return appsflyer;
    }

    public MetaFake meta() {
        return meta;
    }

    public TikTokFake tiktok() {
        return tiktok;
    }

    public MetaMarketingFake metaMarketing() {
        return metaMarketing;
    }

    public TikTokMarketingFake tiktokMarketing() {
        return tiktokMarketing;
    }

    public GenericDspFake genericDsp() {
        return genericDsp;
    }

    public ProductCatalogFake productCatalog() {
        return productCatalog;
    }

    /** Same latency for all fakes. */
    public PartnerFakes latency(Duration latency) {
        byName.values().forEach(f -> f.latency(latency));
        productCatalog.latency(latency);
        middleEnd.latency(latency);
        return this;
    }

    public void reset() {
        byName.values().forEach(PartnerFake::reset);
        productCatalog.reset();
        middleEnd.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        delayed.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        boolean later = false;
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_fakes/")) {
                view(exchange, path);
                return;
            }
            int slash = path.indexOf('/', 1);
            String prefix = slash < 0 ? path.substring(1) : path.substring(1, slash);
            List<PartnerFake> candidates = byPrefix.get(prefix);
            if (candidates == null) {
                send(exchange, FakeResponse.text(404, "no fake at " + path));
                return;
            }
            String subPath = path.substring(prefix.length() + 1);
            PartnerFake fake = candidates.stream().filter(f -> f.serves(subPath)).findFirst()
                    .orElse(candidates.get(candidates.size() - 1));
            byte[] body = readBody(exchange.getRequestBody());
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
            IncomingRequest request = new IncomingRequest(exchange.getRequestMethod(), subPath,
                    exchange.getRequestURI().getRawQuery(), headers, body);
            ReceivedRequest received = fake.handle(request);
            FakeResponse answer = new FakeResponse(received.status(), received.contentType(), received.response(),
                    received.responseHeaders());
            Duration latency = fake.latency();
            if (latency.isZero()) {
                send(exchange, answer);
            } else {
                later = true;
                delayed.schedule(() -> {
                    try (exchange) {
                        send(exchange, answer);
                    } catch (IOException e) {
                        // the client went away meanwhile
                    }
                }, latency.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            send(exchange, FakeResponse.text(500, "fake failed: " + e));
        } finally {
            if (!later) {
                exchange.close();
            }
        }
    }

    private void view(HttpExchange exchange, String path) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, FakeResponse.text(405, "read-only"));
            return;
        }
        Map<String, String> q = IncomingRequest.parseForm(exchange.getRequestURI().getRawQuery());
        if (path.equals("/_fakes/stats")) {
            ObjectNode root = FakeJson.MAPPER.createObjectNode();
            byName.forEach((name, f) -> {
                ObjectNode s = root.putObject(name);
                s.put("requests", f.requestCount());
                s.put("acceptedRequests", f.acceptedRequestCount());
                s.put("refusedRequests", f.refusedRequestCount());
                s.put("acceptedEvents", f.acceptedEventCount());
                s.put("uniqueEvents", f.uniqueEventCount());
                s.put("duplicates", f.duplicateCount());
                s.put("latencyMs", f.latency().toMillis());
                f.stateStats().forEach(s::put);
            });
            send(exchange, FakeResponse.json(200, root.toPrettyString()));
        } else if (path.equals("/_fakes/received")) {
            String partner = q.get("partner");
            if (partner != null && !byName.containsKey(partner)) {
                send(exchange, FakeResponse.text(400, "partner must be one of " + byName.keySet()));
                return;
            }
            int limit;
            try {
                limit = Integer.parseInt(q.getOrDefault("limit", "50"));
            } catch (NumberFormatException e) {
                send(exchange, FakeResponse.text(400, "limit must be a number"));
                return;
            }
            String accepted = q.get("accepted");
            ArrayNode out = FakeJson.MAPPER.createArrayNode();
            List<PartnerFake> fakes = partner == null ? List.copyOf(byName.values()) : List.of(byName.get(partner));
            List<ReceivedRequest> all = fakes.stream().flatMap(f -> f.received().stream())
                    .filter(r -> accepted == null || Boolean.parseBoolean(accepted) == r.accepted())
                    .sorted((a, b) -> b.at().compareTo(a.at())).limit(Math.max(0, limit)).toList();
            for (ReceivedRequest r : all) {
                ObjectNode o = out.addObject();
                o.put("partner", r.partner());
                o.put("at", r.at().toString());
                o.put("method", r.method());
                o.put("path", r.path());
                o.put("query", mask(r.query()));
                o.put("body", mask(r.body()));
                o.put("status", r.status());
                o.put("response", r.response());
                o.put("accepted", r.accepted());
                o.put("reason", r.reason());
                ArrayNode ids = o.putArray("eventIds");
                if (!"appsflyer".equals(r.partner())) {
                    r.eventIds().forEach(ids::add);
                }
            }
            send(exchange, FakeResponse.json(200, out.toPrettyString()));
        } else {
            send(exchange, FakeResponse.text(404, "GET /_fakes/received or /_fakes/stats"));
        }
    }

    /**
     * Hides Meta's access_token, which travels in the query, the form body, a JSON body, or URL-encoded inside a batch
     * operation's relative_url or body.
     */
    static String mask(String text) {
        return text == null ? null : text.replaceAll("access_token=[^&]*", "access_token=****")
                .replaceAll("(?i)access_token%3D[^&%]*", "access_token%3D****")
                .replaceAll("\"access_token\"\\s*:\\s*\"[^\"]*\"", "\"access_token\":\"****\"");
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("body larger than " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static void send(HttpExchange exchange, FakeResponse response) throws IOException {
        byte[] bytes = response.bytes();
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Settings of a fakes server. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Clock clock = Clock.systemUTC();
        private int threads = 32;
        private int maxRecorded = 100_000;

        /** Interface to bind, loopback by default; {@code 0.0.0.0} to reach it from elsewhere. */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The clock the fakes judge event times by (Meta's 7-day limit). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Handler threads (reading and validating; the simulated latency holds no thread). */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** How many recent requests each fake keeps for {@link PartnerFake#received()}; counters are exact anyway. */
        public Builder maxRecorded(int value) {
            this.maxRecorded = value;
            return this;
        }

        public PartnerFakes start() {
            try {
                return new PartnerFakes(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start partner fakes on " + host + ":" + port, e);
            }
        }
    }

    /**
     * Runs the fakes standalone for the local demo. Options (or environment variables):
     * {@code --port} ({@code FAKES_PORT}, default 8090), {@code --host} ({@code FAKES_HOST}), {@code --latency-ms}
     * ({@code FAKES_LATENCY_MS}), {@code --appsflyer app=key,...} ({@code FAKES_APPSFLYER}), {@code --meta dataset=token,...}
     * ({@code FAKES_META}), {@code --tiktok source=token,...} ({@code FAKES_TIKTOK}), {@code --meta-ad-accounts
     * act_id=token,...} ({@code FAKES_META_AD_ACCOUNTS}), {@code --tiktok-advertisers advertiser=token,...}
     * ({@code FAKES_TIKTOK_ADVERTISERS}), {@code --generic-dsp account=token,...} ({@code FAKES_GENERIC_DSP}). Without
     * credentials the demo ones documented in docs/services/partner-fakes.md are registered; one demo ad per DSP
     * belongs to the demo accounts.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: PartnerFakes [--port 8090] [--host 127.0.0.1] [--latency-ms 0] "
                        + "[--appsflyer app=key,...] [--meta dataset=token,...] [--tiktok source=token,...] "
                        + "[--meta-ad-accounts act_id=token,...] [--tiktok-advertisers advertiser=token,...] "
                        + "[--generic-dsp account=token,...]");
                System.exit(2);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        int port = Integer.parseInt(option(opts, "port", "FAKES_PORT", String.valueOf(DEFAULT_PORT)));
        String host = option(opts, "host", "FAKES_HOST", "127.0.0.1");
        long latencyMs = Long.parseLong(option(opts, "latency-ms", "FAKES_LATENCY_MS", "0"));
        PartnerFakes fakes = builder().host(host).port(port).maxRecorded(10_000).start();
        fakes.latency(Duration.ofMillis(latencyMs));
        pairs(option(opts, "appsflyer", "FAKES_APPSFLYER", DemoCredentials.APPSFLYER))
                .forEach(fakes.appsflyer()::register);
        pairs(option(opts, "meta", "FAKES_META", DemoCredentials.META)).forEach(fakes.meta()::register);
        pairs(option(opts, "tiktok", "FAKES_TIKTOK", DemoCredentials.TIKTOK)).forEach(fakes.tiktok()::register);
        pairs(option(opts, "meta-ad-accounts", "FAKES_META_AD_ACCOUNTS", DemoCredentials.META_AD_ACCOUNTS))
                .forEach(fakes.metaMarketing()::registerAdAccount);
        pairs(option(opts, "tiktok-advertisers", "FAKES_TIKTOK_ADVERTISERS", DemoCredentials.TIKTOK_ADVERTISERS))
                .forEach(fakes.tiktokMarketing()::registerAdvertiser);
        pairs(option(opts, "generic-dsp", "FAKES_GENERIC_DSP", DemoCredentials.GENERIC_DSP_ACCOUNTS))
                .forEach(fakes.genericDsp()::registerAccount);
        fakes.metaMarketing().createAd(DemoCredentials.META_AD_ACCOUNT, DemoCredentials.META_AD, DemoCredentials.META_PAGE,
                DemoCredentials.DEMO_DEEPLINK);
        fakes.tiktokMarketing().createAd(DemoCredentials.TIKTOK_ADVERTISER, DemoCredentials.TIKTOK_AD,
                DemoCredentials.DEMO_DEEPLINK);
        fakes.genericDsp().createAd(DemoCredentials.GENERIC_DSP_ACCOUNT, DemoCredentials.GENERIC_DSP_AD,
                DemoCredentials.DEMO_DEEPLINK);
        fakes.productCatalog().registerToken(DemoCredentials.PRODUCT_CATALOG_TOKEN)
                .putProduct(DemoCredentials.APPSFLYER_IOS_APP, "Demo Game", "IOS", "com.example.demo", "GAME", "ACTIVE")
                .putProduct(DemoCredentials.APPSFLYER_ANDROID_APP, "Demo Game", "ANDROID", "com.example.demo", "GAME",
                        "ACTIVE");
        System.out.println("partner fakes listening on http://" + host + ":" + fakes.port()
                + " (appsflyer: /appsflyer, meta: /meta, tiktok: /tiktok, generic DSP: /generic-dsp,"
                + " product catalog: /product-catalog, view: /_fakes/received, /_fakes/stats)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fakes.close();
            stop.countDown();
        }));
        stop.await();
    }

    private static String option(Map<String, String> opts, String name, String env, String fallback) {
        String v = opts.get(name);
        if (v == null) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("expected id=secret, got: " + pair);
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

}
