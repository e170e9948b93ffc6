package io.adplatform.offline.dashboards;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not a test: a profiling tool for a loaded reporting store (e.g. a kept {@code bench/dashboards.sh} DATA_DIR served
 * by {@code devstack/clickhouse-http}). Runs each dashboard statement for a few representative requests, from the V3
 * dashboard roll-ups and closed days (every day before today closed) and from the V1 roll-ups' states, and prints the engine's elapsed time and rows read
 * ({@code X-ClickHouse-Summary}), best of {@code runs}.
 *
 * <pre>
 * java -cp offline-tasks/target/test-classes:offline-tasks/target/classes:$(cat cp) \
 *   io.adplatform.offline.dashboards.DashboardStatementsProfile http://127.0.0.1:18141 adplatform 3
 * </pre>
 */
public final class DashboardStatementsProfile {

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:18123";
        String database = args.length > 1 ? args[1] : "adplatform";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        LocalDate to = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate today = to.plusDays(1);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add("app-" + i);
        }
        Map<String, DashboardQuery> requests = new java.util.LinkedHashMap<>();
        requests.put("1 product, 30 days", new DashboardQuery(List.of("app-0"), to.minusDays(29), to, List.of(),
                List.of(), List.of(), List.of(), List.of()));
        requests.put("200 products, 90 days", new DashboardQuery(all, to.minusDays(89), to, List.of(), List.of(),
                List.of(), List.of(), List.of()));
        requests.put("200 products, 90 days, country US", new DashboardQuery(all, to.minusDays(89), to, List.of(),
                List.of(), List.of("US"), List.of(), List.of()));
        requests.put("50 products, 90 days, meta + US (V1 either way)", new DashboardQuery(all.subList(0, 50),
                to.minusDays(89), to, List.of("meta"), List.of(), List.of("US"), List.of("adx1"), List.of()));
        HttpClient http = HttpClient.newHttpClient();
        System.out.println("| request | statement | roll-ups | elapsed ms (best of " + runs + ") | rows read |");
        System.out.println("|---|---|---|---|---|");
        for (var e : requests.entrySet()) {
            for (String source : new String[] {"V3 + closed days", "V1 states"}) {
                boolean v3 = source.startsWith("V3");
                DashboardSql sql = new DashboardSql("USD", v3);
                // every day before today closed, as after the close-product-days job's backfill
                java.util.Set<LocalDate> closed = new java.util.HashSet<>();
                for (LocalDate d = to.minusDays(120); !d.isAfter(to); d = d.plusDays(1)) {
                    closed.add(d);
                }
                Map<String, DashboardSql.Statement> statements = new java.util.LinkedHashMap<>();
                statements.put("products: activity", sql.productActivity(e.getValue(), v3 ? closed : Set.of()));
                statements.put("products: cohorts", sql.productCohorts(e.getValue(), today, v3 ? closed : Set.of()));
                statements.put("dsp", sql.dsp(e.getValue()));
                statements.put("callbacks", sql.callbacks(e.getValue()));
                for (var s : statements.entrySet()) {
                    if (!v3 && (s.getKey().equals("callbacks") || s.getKey().equals("dsp"))) {
                        continue;
                    }
                    double best = Double.MAX_VALUE;
                    String rows = "";
                    for (int i = 0; i < runs; i++) {
                        StringBuilder u = new StringBuilder(url).append("/?database=").append(enc(database))
                                .append("&default_format=JSON");
                        s.getValue().params().forEach((k, v) -> u.append("&param_").append(k).append('=')
                                .append(enc(String.valueOf(v))));
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(u.toString()))
                                .POST(HttpRequest.BodyPublishers.ofString(s.getValue().sql())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(r.body());
                        }
                        String summary = r.headers().firstValue("X-ClickHouse-Summary").orElse("{}");
                        double ms = Long.parseLong(summary.replaceAll(".*\"elapsed_ns\":(\\d+).*", "$1")) / 1e6;
                        if (ms < best) {
                            best = ms;
                            rows = summary.replaceAll(".*\"read_rows\":(\\d+).*", "$1");
                        }
                    }
                    System.out.printf("| %s | %s | %s | %.1f | %s |%n", e.getKey(), s.getKey(), source,
                            best, rows);
                }
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
