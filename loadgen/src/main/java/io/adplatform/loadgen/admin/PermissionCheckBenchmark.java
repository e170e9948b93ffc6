package io.adplatform.loadgen.admin;

import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;

/**
 * Permission-check benchmark (issue #6: ≤ 1 ms p99 with 10,000 users and 1,000 products). Builds the hierarchy through
 * admin-platform's own API — teams, users, project groups, products taken into groups (catalog rows written to MariaDB
 * as the catalog sync would), memberships with roles, {@code has_all_app} or listed products — so the
 * {@code product_access} rows are the ones write-propagation produced; times adding a product to a group whose members
 * hold {@code has_all_app} (the propagation's cost); then drives {@code GET /api/v1/products/{appId}} with personal API
 * tokens from many users in a closed loop and reports the client's latency and the service's own timer of the check
 * ({@code adplatform.access.check}, read from /actuator/prometheus before and after the measured window).
 *
 * <pre>
 * --service http://127.0.0.1:18088 --token T (service token) --jdbc jdbc:mariadb://127.0.0.1:3306/db
 * --users 10000 --products 1000 --teams 10 --groups 5 (per team) --token-users 2000 --concurrency 8
 * --warmup-seconds 15 --seconds 60 --rate 300 (fixed-rate phase; a closed-loop phase of seconds/2 follows) --seed 42
 * </pre>
 */
public final class PermissionCheckBenchmark {

    static final String PASSWORD = "benchmark password 1";
    static final String[] ROLES = {"GROUP_ADMIN", "BUYER", "BUYER", "BUYER", "BUYER", "ANALYST", "ANALYST", "ANALYST",
            "VIEWER", "VIEWER"};

    private final Map<String, String> opts;
    private final String service;
    private final SplittableRandom random;

    PermissionCheckBenchmark(Map<String, String> opts) {
        this.opts = opts;
        this.service = opt("service", "http://127.0.0.1:18088");
        this.random = new SplittableRandom(Long.parseLong(opt("seed", "42")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        try {
            new PermissionCheckBenchmark(opts).run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the pools' threads are not daemons
    }

    String opt(String name, String def) {
        return opts.getOrDefault(name, def);
    }

    int intOpt(String name, int def) {
        return Integer.parseInt(opt(name, Integer.toString(def)));
    }

    record Team(long id, Browser admin, List<Long> groups, List<Long> users) {
    }

    record Caller(String token, long teamId, List<String> visible) {
    }

    void run() throws Exception {
        int users = intOpt("users", 10_000);
        int productCount = intOpt("products", 1_000);
        int teamCount = intOpt("teams", 10);
        int groupsPerTeam = intOpt("groups", 5);
        int tokenUsers = intOpt("token-users", 2_000);
        int concurrency = intOpt("concurrency", 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();

        List<Team> teams = new ArrayList<>();
        String run = Long.toHexString(random.nextLong() & 0xffffffL);
        for (int t = 0; t < teamCount; t++) {
            String email = "admin-" + run + "-" + t + "@bench.example";
            JsonNode created = internalPost("/internal/v1/teams", "{\"name\":\"bench-" + run + "-" + t
                    + "\",\"adminEmail\":\"" + email + "\",\"adminName\":\"Admin\",\"adminPassword\":\"" + PASSWORD + "\"}");
            Browser admin = Browser.signIn(service, email, PASSWORD);
            List<Long> groups = new ArrayList<>();
            for (int g = 0; g < groupsPerTeam; g++) {
                groups.add(admin.call("POST", "/api/v1/groups", "{\"name\":\"group-" + g + "\"}", 201).get("id").asLong());
            }
            List<Long> members = new ArrayList<>();
            members.add(created.get("adminUserId").asLong());
            teams.add(new Team(created.get("teamId").asLong(), admin, groups, members));
        }

        // The catalog (as the sync writes it), then every product taken into a group of a team, round robin.
        Map<Long, List<String>> appsByGroup = new ConcurrentHashMap<>();
        List<String> allApps = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(opt("jdbc", ""), "root", "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO products (app_id, name, platform, bundle_id, "
                     + "catalog_status, synced_at) VALUES (?, ?, 'ANDROID', ?, 'ACTIVE', ?)")) {
            for (int p = 0; p < productCount + teamCount * 3; p++) {
                String app = "com.bench." + run + ".app" + p;
                ps.setString(1, app);
                ps.setString(2, "Bench app " + p);
                ps.setString(3, app);
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.addBatch();
                allApps.add(app);
            }
            ps.executeBatch();
        }
        List<String> spare = new ArrayList<>(allApps.subList(productCount, allApps.size()));
        List<String> apps = allApps.subList(0, productCount);
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < apps.size(); p++) {
            Team team = teams.get(p % teamCount);
            long group = team.groups().get((p / teamCount) % groupsPerTeam);
            String app = apps.get(p);
            appsByGroup.computeIfAbsent(group, g -> java.util.Collections.synchronizedList(new ArrayList<>())).add(app);
            work.add(pool.submit(() -> team.admin().call("POST", "/api/v1/groups/" + group + "/products",
                    "{\"appId\":\"" + app + "\"}", 200)));
        }
        await(work);
        System.out.printf("built %d teams, %d groups, %d products in %.1f s%n", teamCount, teamCount * groupsPerTeam,
                productCount, (System.nanoTime() - t0) / 1e9);

        // Users, spread over the teams, each with one or two roles in groups of their team.
        long t1 = System.nanoTime();
        AtomicLong grants = new AtomicLong();
        Map<Long, String> emails = new ConcurrentHashMap<>();
        int perTeam = users / teamCount - 1;
        for (Team team : teams) {
            for (int u = 0; u < perTeam; u++) {
                String email = "u" + u + "-" + team.id() + "-" + run + "@bench.example";
                long seed = random.nextLong();
                work.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    long id = team.admin().call("POST", "/api/v1/users", "{\"email\":\"" + email
                            + "\",\"displayName\":\"U\",\"password\":\"" + PASSWORD + "\"}", 201).get("id").asLong();
                    emails.put(id, email);
                    int roles = 1 + r.nextInt(2);
                    List<Long> groups = new ArrayList<>(team.groups());
                    for (int k = 0; k < roles; k++) {
                        long group = groups.remove(r.nextInt(groups.size()));
                        String role = ROLES[r.nextInt(ROLES.length)];
                        String scope;
                        if (r.nextInt(2) == 0) {
                            scope = "\"hasAllApps\":true";
                        } else {
                            List<String> inGroup = appsByGroup.get(group);
                            StringBuilder listed = new StringBuilder();
                            int n = 1 + r.nextInt(Math.min(8, inGroup.size()));
                            java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
                            while (chosen.size() < n) {
                                chosen.add(inGroup.get(r.nextInt(inGroup.size())));
                            }
                            for (String a : chosen) {
                                listed.append(listed.isEmpty() ? "" : ",").append('"').append(a).append('"');
                            }
                            scope = "\"hasAllApps\":false,\"appIds\":[" + listed + "]";
                        }
                        team.admin().call("PUT", "/api/v1/groups/" + group + "/members/" + id,
                                "{\"grants\":[{\"role\":\"" + role + "\"," + scope + "}]}", 200);
                        grants.incrementAndGet();
                    }
                    synchronized (team.users()) {
                        team.users().add(id);
                    }
                    return null;
                }));
            }
        }
        await(work);
        long accessRows;
        try (Connection c = DriverManager.getConnection(opt("jdbc", ""), "root", "");
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM product_access")) {
            rs.next();
            accessRows = rs.getLong(1);
        }
        System.out.printf("built %d users with %d group roles in %.1f s; product_access rows: %d%n",
                teamCount * (perTeam + 1), grants.get(), (System.nanoTime() - t1) / 1e9, accessRows);

        // Write-propagation's cost: a product joining a group updates every has_all_app member in one transaction.
        Histogram propagation = new Histogram(3);
        int gainedTotal = 0;
        for (String app : spare) {
            Team team = teams.get(random.nextInt(teams.size()));
            long group = team.groups().get(random.nextInt(team.groups().size()));
            long s = System.nanoTime();
            JsonNode r = team.admin().call("POST", "/api/v1/groups/" + group + "/products", "{\"appId\":\"" + app + "\"}", 200);
            propagation.recordValue((System.nanoTime() - s) / 1000);
            gainedTotal += r.get("membersGained").asInt();
        }
        System.out.printf("adding a product to a group (write-propagation): %d adds, %.0f members gained on average, "
                        + "p50 %.1f ms, max %.1f ms%n", spare.size(), (double) gainedTotal / spare.size(),
                propagation.getValueAtPercentile(50) / 1000.0, propagation.getMaxValue() / 1000.0);

        // API tokens for a sample of users (a sign-in each, then a token from the session).
        List<Long> everyone = new ArrayList<>(emails.keySet());
        java.util.Collections.shuffle(everyone, new java.util.Random(random.nextLong()));
        Map<Long, Long> teamOf = new HashMap<>();
        for (Team team : teams) {
            team.users().forEach(u -> teamOf.put(u, team.id()));
        }
        List<Caller> callers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (long id : everyone.subList(0, Math.min(tokenUsers, everyone.size()))) {
            work.add(pool.submit(() -> {
                Browser b = Browser.signIn(service, emails.get(id), PASSWORD);
                List<String> visible = new ArrayList<>();
                b.call("GET", "/api/v1/products", null, 200).forEach(p -> visible.add(p.get("appId").asString()));
                callers.add(new Caller(b.call("POST", "/api/v1/me/tokens", "{\"name\":\"bench\"}", 201).get("secret")
                        .asString(), teamOf.get(id), visible));
                return null;
            }));
        }
        await(work);
        pool.shutdown();
        Map<Long, List<String>> appsByTeam = new HashMap<>();
        for (Team team : teams) {
            List<String> list = new ArrayList<>();
            team.groups().forEach(g -> list.addAll(appsByGroup.getOrDefault(g, List.of())));
            appsByTeam.put(team.id(), list);
        }
        System.out.printf("%d callers with API tokens%n", callers.size());

        // The measured load: GET /api/v1/products/{appId}. 80 % a product the caller may see (as the UI asks), 15 %
        // another product of the caller's team (404 unless a role covers it), 5 % any product (mostly another
        // team's: 404). At a fixed rate (latency from each request's intended start, so a stall is not hidden), then
        // closed-loop for the most the machine serves.
        int warmup = intOpt("warmup-seconds", 15);
        int seconds = intOpt("seconds", 60);
        int rate = intOpt("rate", 300);
        drive(callers, appsByTeam, apps, concurrency, warmup, rate, null);
        measure("at " + rate + " req/s", callers, appsByTeam, apps, concurrency, seconds, rate);
        measure("closed loop (as fast as it answers)", callers, appsByTeam, apps, concurrency, seconds / 2, 0);
    }

    void measure(String label, List<Caller> callers, Map<Long, List<String>> appsByTeam, List<String> apps,
                 int concurrency, int seconds, int rate) throws Exception {
        Map<String, Double> before = scrape();
        Recorder recorder = new Recorder(3);
        Map<Integer, AtomicLong> statuses = new TreeMap<>();
        long requests = drive(callers, appsByTeam, apps, concurrency, seconds, rate, new Object[] {recorder, statuses});
        Map<String, Double> after = scrape();
        Histogram client = recorder.getIntervalHistogram();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        double checks = after.getOrDefault("count", 0.0) - before.getOrDefault("count", 0.0);
        double within1ms = after.getOrDefault("le_0.001", 0.0) - before.getOrDefault("le_0.001", 0.0);
        System.out.printf("%n%s: %d requests in %d s (%.0f req/s), %d client threads, statuses %s, load average %.1f%n",
                label, requests, seconds, requests / (double) seconds, concurrency, statuses, load);
        System.out.printf("client latency of GET /api/v1/products/{appId} (token auth + check + read): p50 %.2f ms, "
                        + "p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", client.getValueAtPercentile(50) / 1000.0,
                client.getValueAtPercentile(99) / 1000.0, client.getValueAtPercentile(99.9) / 1000.0,
                client.getMaxValue() / 1000.0);
        System.out.printf("service timer adplatform.access.check over the window: %.0f checks, %.3f %% within 1 ms; "
                        + "p99 <= %.3f ms (smallest histogram bucket holding 99 %%)%n",
                checks, checks == 0 ? 0 : 100.0 * within1ms / checks, estimateP99(before, after) * 1000);
        System.out.printf("permission check p99 <= 1 ms %s: %s%n", label,
                checks > 0 && within1ms / checks >= 0.99 ? "MET" : "NOT MET");
    }

    long drive(List<Caller> callers, Map<Long, List<String>> appsByTeam, List<String> apps, int concurrency,
               int seconds, int rate, Object[] record) throws Exception {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long interval = rate > 0 ? 1_000_000_000L * concurrency / rate : 0;
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        List<Future<Long>> done = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            long seed = random.nextLong();
            long offset = interval * i / concurrency;
            done.add(threads.submit(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                long intended = start + offset;
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long n = 0;
                while (System.nanoTime() < end) {
                    Caller c = callers.get(r.nextInt(callers.size()));
                    List<String> own = appsByTeam.get(c.teamId());
                    int dice = r.nextInt(100);
                    String app = dice < 80 && !c.visible().isEmpty() ? c.visible().get(r.nextInt(c.visible().size()))
                            : dice < 95 ? own.get(r.nextInt(own.size())) : apps.get(r.nextInt(apps.size()));
                    HttpRequest req = HttpRequest.newBuilder(URI.create(service + "/api/v1/products/" + app))
                            .header("Authorization", "Bearer " + c.token()).GET().build();
                    long s = System.nanoTime();
                    if (interval > 0) {
                        while ((s = System.nanoTime()) < intended) {
                            java.util.concurrent.locks.LockSupport.parkNanos(intended - s);
                        }
                        s = intended;
                        intended += interval;
                    }
                    HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
                    long micros = (System.nanoTime() - s) / 1000;
                    if (record != null) {
                        ((Recorder) record[0]).recordValue(micros);
                        @SuppressWarnings("unchecked")
                        Map<Integer, AtomicLong> statuses = (Map<Integer, AtomicLong>) record[1];
                        synchronized (statuses) {
                            statuses.computeIfAbsent(resp.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : done) {
            total += f.get();
        }
        threads.shutdown();
        return total;
    }

    private static final Pattern BUCKET = Pattern.compile(
            "^adplatform_access_check_seconds_bucket\\{.*le=\"([0-9.eE+-]+|\\+Inf)\".*} ([0-9.eE+-]+)$");
    private static final Pattern COUNT = Pattern.compile("^adplatform_access_check_seconds_count\\{?.*}? ([0-9.eE+-]+)$");

    /** The check timer's cumulative buckets ({@code le_<bound>}) and count from /actuator/prometheus. */
    Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(service + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> out = new TreeMap<>();
        for (String line : r.body().split("\n")) {
            Matcher m = BUCKET.matcher(line);
            if (m.matches()) {
                String le = m.group(1).equals("+Inf") ? "inf" : Double.toString(Double.parseDouble(m.group(1)));
                out.put("le_" + le, Double.parseDouble(m.group(2)));
                continue;
            }
            m = COUNT.matcher(line);
            if (m.matches()) {
                out.put("count", Double.parseDouble(m.group(1)));
            }
        }
        return out;
    }

    /** The smallest bucket bound holding 99 % of the window's checks (an upper bound of the p99). */
    static double estimateP99(Map<String, Double> before, Map<String, Double> after) {
        double total = after.getOrDefault("count", 0.0) - before.getOrDefault("count", 0.0);
        TreeMap<Double, Double> buckets = new TreeMap<>();
        after.forEach((k, v) -> {
            if (k.startsWith("le_") && !k.equals("le_inf")) {
                buckets.put(Double.parseDouble(k.substring(3)), v - before.getOrDefault(k, 0.0));
            }
        });
        for (Map.Entry<Double, Double> b : buckets.entrySet()) {
            if (total > 0 && b.getValue() >= 0.99 * total) {
                return b.getKey();
            }
        }
        return Double.NaN;
    }

    JsonNode internalPost(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service + path))
                .header("X-Service-Token", opt("token", "local-dev-service-token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return EventJson.mapper().readTree(r.body());
    }

    static void await(List<Future<?>> work) throws Exception {
        for (Future<?> f : work) {
            f.get();
        }
        work.clear();
    }

    /** A signed-in browser: session cookie and CSRF header. */
    static final class Browser {

        private final String service;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).connectTimeout(Duration.ofSeconds(5))
                .build();
        private String csrf;

        private Browser(String service) {
            this.service = service;
        }

        static Browser signIn(String service, String email, String password) throws IOException, InterruptedException {
            Browser b = new Browser(service);
            b.csrf = b.call("GET", "/api/v1/csrf", null, 200).get("token").asString();
            JsonNode r = b.call("POST", "/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + password
                    + "\"}", 200);
            b.csrf = r.get("csrf").get("token").asString();
            return b;
        }

        JsonNode call(String method, String path, String json, int expected) throws IOException, InterruptedException {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(service + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                req.header("Content-Type", "application/json");
            }
            if (csrf != null) {
                req.header("X-XSRF-TOKEN", csrf);
            }
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
            }
            return EventJson.mapper().readTree(r.body());
        }
    }
}
