package io.adplatform.loadgen.reporting;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Dashboards benchmark (issue #5): loads synthetic events into the reporting store's BASE tables with
 * {@code INSERT INTO <table> SELECT ... FROM numbers(...)} in chunks, so the materialized views fill the roll-ups exactly
 * as the loader's inserts do; then measures every dashboard endpoint over HTTP against the running offline-tasks
 * service with a spread of products, date ranges and filters, one request at a time, and prints p50/p95/p99.
 *
 * <pre>
 * --clickhouse http://127.0.0.1:18123  --database adplatform  --service http://127.0.0.1:18087  --token T
 * --events 1000000 (attribution + bid + callback rows) --chunk 1000000 --products 200 --days 90
 * --requests 300 (measured, per endpoint) --warmup 30 --seed 42 --skip-load
 * --skip-close (do not run the close-product-days job before measuring)
 * </pre>
 */
public final class DashboardsBenchmark {

    static final String[] ENDPOINTS = {"products", "dsp", "callbacks"};
    static final String[] MEDIA = {"meta", "tiktok", "organic", "google", "applovin"};
    static final String[] COUNTRIES = {"US", "JP", "DE", "GB", "FR", "BR", "IN", "KR", "CA", "AU", "MX", "ID", "TR",
            "IT", "ES", "VN", "TH", "PH", "SA", "NL"};
    static final String[] EXCHANGES = {"adx1", "adx2", "adx3", "adx4", "adx5"};
    static final String[] PARTNERS = {"appsflyer", "meta", "tiktok"};

    private final Map<String, String> opts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    DashboardsBenchmark(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new DashboardsBenchmark(opts).run();
    }

    String opt(String name, String def) {
        return opts.getOrDefault(name, def);
    }

    long num(String name, long def) {
        return Long.parseLong(opt(name, String.valueOf(def)));
    }

    void run() throws Exception {
        int products = (int) num("products", 200);
        int days = (int) num("days", 90);
        LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate first = last.minusDays(days - 1L);
        if (!Boolean.parseBoolean(opt("skip-load", "false"))) {
            load(num("events", 1_000_000), num("chunk", 1_000_000), products, days, first);
        }
        if (!Boolean.parseBoolean(opt("skip-close", "false"))) {
            closeDays();
        }
        System.out.println("rows in the reporting store:");
        for (String t : List.of("attribution_events", "bid_events", "callback_results", "media_reports", "fx_rates",
                "dsp_campaigns", "daily_product_stats", "daily_cohort_stats", "daily_dsp_stats", "daily_callback_stats",
                "dashboard_dsp_days", "closed_days", "closed_product_days", "closed_cohort_days")) {
            System.out.printf("  %-22s %,d%n", t, Long.parseLong(clickHouse("SELECT count() FROM " + t).strip()));
        }
        measure(products, first, last);
    }

    /**
     * Runs the service's close-product-days job (as its hourly schedule would after the days ended) and waits for it:
     * its first run closes every loaded day before today, so /products reads closed days' plain numbers.
     */
    void closeDays() throws InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(opt("service", "http://127.0.0.1:18087")
                        + "/internal/v1/jobs/close-product-days/runs"))
                .header("X-Service-Token", opt("token", "local-dev-service-token")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        if (r.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("close-product-days not triggered: " + r.statusCode() + " " + r.body());
        }
        Pattern status = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
        while (true) {
            Thread.sleep(2000);
            String body = get("/internal/v1/jobs/runs/" + id.group(1)).body();
            Matcher m = status.matcher(body);
            String st = m.find() ? m.group(1) : "?";
            if (st.equals("SUCCEEDED") || st.equals("FAILED") || st.equals("ABANDONED")) {
                System.out.printf("close-product-days run %s: %s in %.1f s (trigger to end): %s%n", id.group(1), st,
                        (System.nanoTime() - t0) / 1e9, body);
                if (!st.equals("SUCCEEDED")) {
                    throw new IllegalStateException("close-product-days did not succeed: " + body);
                }
                return;
            }
        }
    }

    // ---- load -------------------------------------------------------------------------------------------------------

    void load(long events, long chunk, int products, int days, LocalDate first) {
        long attribution = events * 45 / 100;
        long bids = events * 50 / 100;
        long callbacks = events - attribution - bids;
        String start = first + " 00:00:00";
        long t0 = System.nanoTime();
        clickHouse(fxRates(days, first));
        clickHouse(dspCampaigns(products));
        clickHouse(mediaReports(products, days, start));
        insertChunks("attribution_events", attribution, chunk, (offset, n) -> attributionEvents(offset, n, products, days, start));
        insertChunks("bid_events", bids, chunk, (offset, n) -> bidEvents(offset, n, days, start));
        insertChunks("callback_results", callbacks, chunk, (offset, n) -> callbackResults(offset, n, products, days, start));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("loaded %,d events (%,d attribution, %,d bid, %,d callback) in %.1f s: %,.0f rows/s "
                + "(INSERT ... SELECT FROM numbers, materialized views included)%n", events, attribution, bids, callbacks,
                s, events / s);
    }

    interface Chunk {
        String sql(long offset, long n);
    }

    void insertChunks(String table, long total, long chunk, Chunk sql) {
        for (long offset = 0; offset < total; offset += chunk) {
            long n = Math.min(chunk, total - offset);
            long t = System.nanoTime();
            clickHouse(sql.sql(offset, n));
            System.out.printf("  %s: %,d rows at offset %,d in %.1f s%n", table, n, offset, (System.nanoTime() - t) / 1e9);
        }
    }

    /** u(k): a uniform [0,1) draw per row and purpose k, deterministic in the row number. */
    static String u(int k) {
        return "(cityHash64(number, " + k + ") % 1000000) / 1000000.0";
    }

    static String pick(String[] values, String index) {
        StringJoiner j = new StringJoiner("','", "['", "']");
        for (String v : values) {
            j.add(v);
        }
        return "arrayElement(" + j + ", 1 + toUInt32(" + index + "))";
    }

    static String attributionEvents(long offset, long n, int products, int days, String start) {
        // products skewed (a few big apps), 20 countries skewed, 5 media sources, 8 campaigns per source
        return """
                INSERT INTO attribution_events (event_id, type, event_name, app_id, platform, device_key, occurred_at,
                    routed_at, new_device, first_seen_at, country, revenue, currency, media_source, campaign, ad_set, ad)
                SELECT concat('ae-', toString(number)), type, '', app_id, if(number %% 2 = 0, 'ANDROID', 'IOS'),
                       concat(app_id, '-d', toString(cityHash64(number, 3) %% 20000)), at, at, type = 'ACTIVATION',
                       if(type = 'ACTIVATION', at, at - toIntervalDay(toUInt32(%s * 31))), country,
                       if(type = 'PAYMENT', toDecimal64(0.99 + (cityHash64(number, 7) %% 5000) / 100.0, 6), toDecimal64(0, 6)),
                       if(type = 'PAYMENT', %s, ''), media, if(media = 'organic', '', concat(media, '-camp-', toString(cityHash64(number, 8) %% 8))),
                       '', ''
                FROM (
                    SELECT number,
                           concat('app-', toString(toUInt32(%d * pow(%s, 2)))) AS app_id,
                           multiIf(%s < 0.08, 'ACTIVATION', %s < 0.11, 'PAYMENT', %s < 0.85, 'LOGIN', 'CUSTOM') AS type,
                           toDateTime64('%s', 3, 'UTC') + toIntervalSecond(toUInt32(%s * %d * 86400)) AS at,
                           %s AS country, %s AS media
                    FROM numbers(%d, %d)
                )""".formatted(u(4), pick(new String[] {"USD", "USD", "EUR", "JPY", "GBP"}, u(9) + " * 5"), products, u(1),
                u(2), u(2), u(2), start, u(5), days, pick(COUNTRIES, "pow(" + u(6) + ", 2) * 20"),
                pick(MEDIA, u(10) + " * 5"), offset, n);
    }

    static String bidEvents(long offset, long n, int days, String start) {
        return """
                INSERT INTO bid_events (event_id, type, bid_id, request_id, imp_id, exchange, campaign_id, creative_id,
                    price_micros, currency, pctr, user_key, country, bundle_or_domain, model_version, loss_reason, at)
                SELECT concat('be-', toString(number)), type, concat('b', toString(number)), '', '1', %s,
                       concat('dsp-', toString(cityHash64(number, 12) %% 2000)), concat('cr-', toString(number %% 4)),
                       toInt64(200000 + cityHash64(number, 13) %% 3000000), if(number %% 10 = 0, 'EUR', 'USD'),
                       0.01, '', %s, '', 1, NULL,
                       toDateTime64('%s', 3, 'UTC') + toIntervalSecond(toUInt32(%s * %d * 86400))
                FROM (
                    SELECT number, multiIf(%s < 0.80, 'BID', %s < 0.88, 'WIN', %s < 0.94, 'LOSS', %s < 0.99, 'IMPRESSION', 'CLICK') AS type
                    FROM numbers(%d, %d)
                )""".formatted(pick(EXCHANGES, u(11) + " * 5"), pick(COUNTRIES, "pow(" + u(14) + ", 2) * 20"), start, u(15),
                days, u(16), u(16), u(16), u(16), offset, n);
    }

    static String callbackResults(long offset, long n, int products, int days, String start) {
        return """
                INSERT INTO callback_results (event_id, app_id, partner, partner_event_name, outcome, attempts,
                    http_status, latency_ms, detail, at)
                SELECT concat('ae-', toString(number)), concat('app-', toString(toUInt32(%d * pow(%s, 2)))), %s, 'install',
                       multiIf(%s < 0.95, 'SUCCESS', %s < 0.98, 'RETRYING', 'FAILED'), 1, 200,
                       toUInt32(20 + cityHash64(number, 23) %% 300), '',
                       toDateTime64('%s', 3, 'UTC') + toIntervalSecond(toUInt32(%s * %d * 86400))
                FROM numbers(%d, %d)""".formatted(products, u(21), pick(PARTNERS, u(22) + " * 3"), u(24), u(24), start,
                u(25), days, offset, n);
    }

    static String mediaReports(int products, int days, String start) {
        // per product x day x media (meta, tiktok) x 10 ads
        return """
                INSERT INTO media_reports (app_id, day, media, account_id, campaign_id, campaign_name, adset_id, ad_id,
                    ad_name, currency, spend, spend_reporting, impressions, clicks, installs, conversions, pulled_at)
                SELECT concat('app-', toString(p)), toDate('%s') + d, m, concat(m, '-acct-', toString(p)),
                       concat(m, '-camp-', toString(a %% 8)), concat(m, '-camp-', toString(a %% 8)), '', concat('ad-', toString(a)), '',
                       'USD', s, s, 1000 + a * 10, 20 + a, 2 + a %% 5, 1 + a %% 3, now64(3)
                FROM (
                    SELECT intDiv(number, %d * 20) AS p, intDiv(number, 20) %% %d AS d,
                           if(number %% 2 = 0, 'meta', 'tiktok') AS m, intDiv(number %% 20, 2) AS a,
                           toDecimal64((cityHash64(number, 31) %% 20000) / 100.0, 6) AS s
                    FROM numbers(%d)
                )""".formatted(start, days, days, (long) products * days * 20);
    }

    static String fxRates(int days, LocalDate first) {
        return """
                INSERT INTO fx_rates (day, currency, rate, updated_at)
                SELECT toDate('%s') + intDiv(number, 3), arrayElement(['EUR','JPY','GBP'], 1 + number %% 3),
                       arrayElement([1.08, 0.0067, 1.27], 1 + number %% 3) * (1 + ((cityHash64(number) %% 200) - 100) / 10000.0),
                       now64(3)
                FROM numbers(%d)""".formatted(first.minusDays(10), (days + 10) * 3);
    }

    static String dspCampaigns(int products) {
        return """
                INSERT INTO dsp_campaigns (campaign_id, app_id, name, version, updated_at)
                SELECT concat('dsp-', toString(number)), concat('app-', toString(number %% %d)), concat('DSP ', toString(number)), 1, now64(3)
                FROM numbers(2000)""".formatted(products);
    }

    // ---- measure ----------------------------------------------------------------------------------------------------

    void measure(int products, LocalDate first, LocalDate last) {
        int requests = (int) num("requests", 300);
        int warmup = (int) num("warmup", 30);
        SplittableRandom random = new SplittableRandom(num("seed", 42));
        System.out.printf("measuring %d requests per endpoint (after %d warm-up) against %s, one at a time%n", requests,
                warmup, opt("service", "http://127.0.0.1:18087"));
        Map<String, String> rows = new LinkedHashMap<>();
        for (String endpoint : ENDPOINTS) {
            Histogram h = new Histogram(60_000_000_000L, 3);
            long bytes = 0;
            for (int i = 0; i < warmup + requests; i++) {
                String path = path(endpoint, random, products, first, last);
                long t = System.nanoTime();
                HttpResponse<String> r = get(path);
                long took = System.nanoTime() - t;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
                }
                if (i >= warmup) {
                    h.recordValue(took);
                    bytes += r.body().length();
                }
            }
            rows.put(endpoint, String.format("| `%s` | %d | %.1f | %.1f | %.1f | %.1f | %,d |", endpoint,
                    h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                    ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), bytes / Math.max(1, h.getTotalCount())));
        }
        System.out.println();
        System.out.println("| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | mean body bytes |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.values().forEach(System.out::println);
    }

    /** A realistic request: 1 product mostly, sometimes a portfolio; 7, 30 or 90 days; a filter in 4 of 10. */
    static String path(String endpoint, SplittableRandom r, int products, LocalDate first, LocalDate last) {
        double p = r.nextDouble();
        int count = p < 0.6 ? 1 : p < 0.85 ? 5 : p < 0.95 ? 50 : Math.min(200, products);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(count, products)) {
            String app = "app-" + (int) (products * Math.pow(r.nextDouble(), 2));
            if (!chosen.contains(app)) {
                chosen.add(app);
            }
        }
        double d = r.nextDouble();
        int span = d < 0.4 ? 7 : d < 0.8 ? 30 : 90;
        long available = last.toEpochDay() - first.toEpochDay() + 1;
        span = (int) Math.min(span, available);
        LocalDate to = last.minusDays(r.nextInt((int) (available - span + 1)) / 4);
        LocalDate from = to.minusDays(span - 1L);
        StringBuilder q = new StringBuilder("/internal/v1/dashboards/").append(endpoint).append("?products=")
                .append(enc(String.join(",", chosen))).append("&from=").append(from).append("&to=").append(to);
        double f = r.nextDouble();
        switch (endpoint) {
            case "products" -> {
                if (f < 0.2) {
                    q.append("&mediaSource=").append(MEDIA[r.nextInt(2)]);
                } else if (f < 0.3) {
                    q.append("&country=").append(COUNTRIES[r.nextInt(5)]);
                } else if (f < 0.4) {
                    q.append("&campaign=").append(enc("meta-camp-" + r.nextInt(8)));
                }
            }
            case "dsp" -> {
                if (f < 0.2) {
                    q.append("&country=").append(COUNTRIES[r.nextInt(5)]);
                } else if (f < 0.4) {
                    q.append("&exchange=").append(EXCHANGES[r.nextInt(5)]);
                }
            }
            default -> {
                if (f < 0.3) {
                    q.append("&partner=").append(PARTNERS[r.nextInt(3)]);
                }
            }
        }
        return q.toString();
    }

    HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(opt("service", "http://127.0.0.1:18087") + path))
                .header("X-Service-Token", opt("token", "local-dev-service-token")).timeout(Duration.ofSeconds(60))
                .GET().build();
        return send(request);
    }

    String clickHouse(String sql) {
        String url = opt("clickhouse", "http://127.0.0.1:18123") + "/?database=" + enc(opt("database", "adplatform"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build();
        HttpResponse<String> r = send(request);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse refused: " + r.body() + "\n" + sql);
        }
        return r.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
