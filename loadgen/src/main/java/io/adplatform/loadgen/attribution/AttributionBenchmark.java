package io.adplatform.loadgen.attribution;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Money;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.adplatform.common.pii.PiiHashing;
import io.adplatform.fakes.PartnerFake;
import io.adplatform.fakes.PartnerFakes;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end throughput of attribution-callback-service: partner fakes answering after a fixed latency (20 ms), a
 * product with AppsFlyer, Meta and TikTok settings created through the service's API, N routed payment events produced
 * into {@code attribution-events}; measures delivered partner calls per second at the fakes (exact counters), checks
 * nothing was lost or duplicated, and reads the service's partner-call latency histogram.
 *
 * <pre>
 * java -cp ... io.adplatform.loadgen.attribution.AttributionBenchmark --bootstrap 127.0.0.1:19092 \
 *   --service http://127.0.0.1:18083 --fakes-port 18090 --latency-ms 20 --events 40000 --warmup-events 3000
 * </pre>
 * The fakes start first and print {@code READY}; the benchmark then waits for the service's readiness, so
 * bench/attribution.sh can start this process, then the service pointed at the fakes' port.
 */
public final class AttributionBenchmark {

    static final String TOKEN_DEFAULT = "local-dev-service-token";
    static final String AF_KEY = "bench-af-s2s-key";
    static final String META_DATASET = "987654321012345";
    static final String META_TOKEN = "bench-meta-access-token";
    static final String TT_SOURCE = "BENCHTIKTOK01";
    static final String TT_TOKEN = "bench-tiktok-access-token";

    private AttributionBenchmark() {
    }

    /**
     * CPU time (user + system, from /proc) of the processes the benchmark is told about, plus this one (the fakes and
     * the producer): the cost per partner call does not depend on what else the machine is running.
     */
    record CpuTimes(Map<String, Double> seconds) {

        static CpuTimes read(Map<String, Long> pids) {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("fakes+loadgen", cpuSeconds(ProcessHandle.current().pid()));
            pids.forEach((name, pid) -> out.put(name, cpuSeconds(pid)));
            return new CpuTimes(out);
        }

        static double cpuSeconds(long pid) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, clock ticks (USER_HZ=100)
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }

        String costPerCall(CpuTimes before, long calls) {
            StringBuilder sb = new StringBuilder("CPU used during the measured run (ms of CPU per partner call):");
            double total = 0;
            for (Map.Entry<String, Double> e : seconds.entrySet()) {
                double used = e.getValue() - before.seconds().get(e.getKey());
                total += used;
                sb.append(String.format(Locale.ROOT, "%n  %-14s %7.1f s CPU  %6.3f ms/call", e.getKey(), used,
                        used * 1000 / calls));
            }
            sb.append(String.format(Locale.ROOT, "%n  %-14s %7.1f s CPU  %6.3f ms/call  -> %.0f calls/s if these "
                    + "processes had 2 cores to themselves (MariaDB, shared, not counted)", "total", total,
                    total * 1000 / calls, calls / total * 2));
            return sb.toString();
        }
    }

    record Options(String bootstrap, String service, int fakesPort, int latencyMs, int events, int warmupEvents,
                   String product, String token, int timeoutSeconds, String pidsFile) {

        /** {@code name=pid} lines in {@code --pids-file} (written by bench/attribution.sh once all is up). */
        Map<String, Long> pids() {
            if (pidsFile == null) {
                return Map.of();
            }
            try {
                return parsePids(String.join(",", java.nio.file.Files.readAllLines(java.nio.file.Path.of(pidsFile))));
            } catch (IOException e) {
                return Map.of();
            }
        }

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
                }
                m.put(args[i].substring(2), args[++i]);
            }
            return new Options(m.getOrDefault("bootstrap", "127.0.0.1:9092"),
                    m.getOrDefault("service", "http://127.0.0.1:8083"),
                    Integer.parseInt(m.getOrDefault("fakes-port", "8090")),
                    Integer.parseInt(m.getOrDefault("latency-ms", "20")),
                    Integer.parseInt(m.getOrDefault("events", "40000")),
                    Integer.parseInt(m.getOrDefault("warmup-events", "3000")),
                    m.getOrDefault("product", "com.bench.attr" + Long.toString(System.nanoTime() % 1_000_000, 36)),
                    m.getOrDefault("token", TOKEN_DEFAULT),
                    Integer.parseInt(m.getOrDefault("timeout-seconds", "600")),
                    m.get("pids-file"));
        }

        /** {@code name=pid,name=pid}: processes whose CPU time the benchmark reports. */
        static Map<String, Long> parsePids(String text) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
                }
            }
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        try (PartnerFakes fakes = PartnerFakes.builder().port(o.fakesPort()).threads(8).maxRecorded(1000).start()) {
            fakes.latency(Duration.ofMillis(o.latencyMs()));
            fakes.appsflyer().register(o.product(), AF_KEY);
            fakes.meta().register(META_DATASET, META_TOKEN);
            fakes.tiktok().register(TT_SOURCE, TT_TOKEN);
            createInputTopic(o.bootstrap());
            System.out.printf("partner fakes on %s, latency %d ms%n", fakes.baseUrl(), o.latencyMs());
            System.out.println("READY");
            Service service = new Service(o.service(), o.token());
            service.awaitReady(Duration.ofSeconds(180));
            service.put("/internal/v1/products/" + o.product() + "/partners/appsflyer",
                    "{\"appId\":\"" + o.product() + "\",\"s2sKey\":\"" + AF_KEY + "\"}");
            service.put("/internal/v1/products/" + o.product() + "/partners/meta",
                    "{\"datasetId\":\"" + META_DATASET + "\",\"accessToken\":\"" + META_TOKEN + "\"}");
            service.put("/internal/v1/products/" + o.product() + "/partners/tiktok",
                    "{\"eventSourceId\":\"" + TT_SOURCE + "\",\"accessToken\":\"" + TT_TOKEN + "\"}");

            try (KafkaProducer<String, AttributionEvent> producer = producer(o.bootstrap())) {
                if (o.warmupEvents() > 0) {
                    System.out.printf("warm-up: %d events (%d partner calls)%n", o.warmupEvents(), 3 * o.warmupEvents());
                    run(o, fakes, producer, o.warmupEvents(), false);
                }
                System.out.printf("measured run: %d events (%d partner calls)%n", o.events(), 3 * o.events());
                Map<String, Long> pids = o.pids();
                CpuTimes before = CpuTimes.read(pids);
                boolean ok = run(o, fakes, producer, o.events(), true);
                CpuTimes after = CpuTimes.read(pids);
                System.out.println(after.costPerCall(before, 3L * o.events()));
                System.out.println(service.latencySummary());
                if (!ok) {
                    System.exit(1);
                }
            }
        }
    }

    /** Produces {@code n} events and follows the fakes' counters until every call arrived. */
    static boolean run(Options o, PartnerFakes fakes, KafkaProducer<String, AttributionEvent> producer, int n,
                       boolean report) throws InterruptedException {
        List<PartnerFake> all = List.of(fakes.appsflyer(), fakes.meta(), fakes.tiktok());
        long base = accepted(all);
        long uniqueBase = fakes.appsflyer().uniqueEventCount() + fakes.meta().uniqueEventCount()
                + fakes.tiktok().uniqueEventCount();
        long refusedBase = all.stream().mapToLong(PartnerFake::refusedRequestCount).sum();
        long expected = 3L * n;
        long produceStart = System.nanoTime();
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            AttributionEvent e = event(o.product(), now.plusMillis(i % 1000));
            producer.send(new ProducerRecord<>(Topics.ATTRIBUTION_EVENTS, e.partitionKey(), e));
        }
        producer.flush();
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        long lastCount = 0;
        long lastAt = produceStart;
        List<Double> perSecond = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(o.timeoutSeconds()).toNanos();
        while (true) {
            Thread.sleep(1000);
            long done = accepted(all) - base;
            long t = System.nanoTime();
            double rate = (done - lastCount) / ((t - lastAt) / 1e9);
            if (report) {
                perSecond.add(rate);
                System.out.printf(Locale.ROOT, "  %6.1f s  %8d / %d calls  %7.0f calls/s%n", (t - produceStart) / 1e9,
                        done, expected, rate);
            }
            lastCount = done;
            lastAt = t;
            long uniqueNow = fakes.appsflyer().uniqueEventCount() + fakes.meta().uniqueEventCount()
                    + fakes.tiktok().uniqueEventCount() - uniqueBase;
            if (uniqueNow >= expected || t > deadline) {
                break;
            }
        }
        long done = accepted(all) - base;
        double seconds = (System.nanoTime() - produceStart) / 1e9;
        long refused = all.stream().mapToLong(PartnerFake::refusedRequestCount).sum() - refusedBase;
        long afDuplicates = fakes.appsflyer().duplicateCount();
        long partnerDeduped = fakes.meta().duplicateCount() + fakes.tiktok().duplicateCount();
        long unique = fakes.appsflyer().uniqueEventCount() + fakes.meta().uniqueEventCount() + fakes.tiktok().uniqueEventCount();
        // Every expected call arrived once in effect: unique events grew by 3n, AppsFlyer (no dedup) got no repeat.
        boolean ok = unique - uniqueBase >= expected && refused == 0 && afDuplicates == 0;
        if (report) {
            List<Double> steady = perSecond.size() > 4 ? perSecond.subList(2, perSecond.size() - 1) : perSecond;
            double median = steady.stream().sorted().skip(steady.size() / 2).findFirst().orElse(0.0);
            System.out.println();
            System.out.printf(Locale.ROOT, "produced %d events in %.1f s%n", n, produceSeconds);
            System.out.printf(Locale.ROOT, "delivered %d of %d partner calls in %.1f s: %.0f calls/s overall, "
                    + "%.0f calls/s median steady second%n", done, expected, seconds, done / seconds, median);
            System.out.printf("per partner: appsflyer %d requests, meta %d events, tiktok %d events%n",
                    fakes.appsflyer().acceptedRequestCount(), fakes.meta().acceptedEventCount(),
                    fakes.tiktok().acceptedEventCount());
            System.out.printf("refused by the fakes: %d; AppsFlyer duplicates: %d; Meta/TikTok re-sends (dropped by the "
                    + "partner's event_id dedup): %d -> %s%n", refused, afDuplicates, partnerDeduped,
                    ok ? "OK (every call delivered once in effect)" : "FAILED");
        }
        return ok;
    }

    /** The router owns attribution-events; here the benchmark creates it (6 partitions) if the broker lacks it. */
    static void createInputTopic(String bootstrap) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(Topics.ATTRIBUTION_EVENTS)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(Topics.ATTRIBUTION_EVENTS, 6,
                        (short) 1))).all().get();
            }
        }
    }

    static long accepted(List<PartnerFake> fakes) {
        return fakes.get(0).acceptedRequestCount() + fakes.get(1).acceptedEventCount() + fakes.get(2).acceptedEventCount();
    }

    static AttributionEvent event(String product, Instant at) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String afId = String.format("%013d-%019d", r.nextLong(1_000_000_000_000L, 9_999_999_999_999L),
                r.nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
        String gaid = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
        SdkEvent e = new SdkEvent(EventIds.newId(), EventType.PAYMENT, null, product, Platform.ANDROID,
                new DeviceIds(afId, null, null, gaid, null, null), "user-" + r.nextInt(1_000_000), at, at, "203.0.113.7",
                "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UD1A.230803.041)", "US",
                new Money(new BigDecimal("4.99"), "USD"), new AttributionInfo("facebook_ads", "bench", null, null, null),
                PiiHashing.hash("bench@example.com", "+12133734253"), "1.0.0", Map.of("os_version", "14"));
        return new AttributionEvent(e, false, at, e.attribution(), at);
    }

    static KafkaProducer<String, AttributionEvent> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 262144),
                new StringSerializer(), JsonSerde.of(AttributionEvent.class));
    }

    /** The service's HTTP side: readiness, the internal API, the Prometheus latency histogram. */
    static final class Service {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String token;

        Service(String base, String token) {
            this.base = base;
            this.token = token;
        }

        void awaitReady(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (get("/actuator/health/readiness").statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not up yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("service at " + base + " not ready within " + limit);
        }

        void put(String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("X-Service-Token", token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + path + " -> " + r.statusCode() + " " + r.body());
            }
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** p50/p99 of delivered partner calls per partner, from the service's own histogram (cumulative since start). */
        String latencySummary() throws IOException, InterruptedException {
            String text = get("/actuator/prometheus").body();
            Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
            for (String line : text.split("\n")) {
                if (!line.startsWith("attribution_partner_requests_seconds_bucket{") || !line.contains("verdict=\"delivered\"")) {
                    continue;
                }
                String partner = label(line, "partner");
                String le = label(line, "le");
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(partner, k -> new TreeMap<>()).merge(bound, value, Double::sum);
            }
            StringBuilder sb = new StringBuilder("partner call latency seen by the service (delivered, since start):");
            Map<String, double[]> stages = new TreeMap<>();
            for (String line : text.split("\n")) {
                boolean sum = line.startsWith("attribution_batch_stage_seconds_sum{");
                boolean count = line.startsWith("attribution_batch_stage_seconds_count{");
                if (sum || count) {
                    String key = label(line, "source") + " " + label(line, "stage");
                    double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    stages.computeIfAbsent(key, k -> new double[2])[sum ? 0 : 1] += v;
                }
            }
            buckets.forEach((partner, b) -> sb.append(String.format(Locale.ROOT, "%n  %-9s p50 %6.1f ms  p99 %6.1f ms  "
                    + "(%d calls)", partner, quantile(b, 0.50) * 1000, quantile(b, 0.99) * 1000, b.lastEntry().getValue().longValue())));
            Map<String, Double> notDelivered = new TreeMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("attribution_partner_requests_seconds_count{") && !line.contains("verdict=\"delivered\"")) {
                    notDelivered.merge(label(line, "partner") + " " + label(line, "verdict") + " " + label(line, "status"),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                } else if (line.startsWith("attribution_partner_deferrals_total{")) {
                    notDelivered.merge(label(line, "partner") + " deferred (circuit/rate limit/bulkhead)",
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                }
            }
            sb.append(String.format("%ncalls not delivered at first try (since start): %s", notDelivered.isEmpty() ? "none"
                    : notDelivered.toString()));
            sb.append(String.format("%nbatch stages (mean per batch, since start):"));
            stages.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%n  %-16s %7.1f ms  (%d batches)", k,
                    v[1] == 0 ? 0 : v[0] / v[1] * 1000, (long) v[1])));
            return sb.toString();
        }

        static String label(String line, String name) {
            int i = line.indexOf(name + "=\"");
            int start = i + name.length() + 2;
            return line.substring(start, line.indexOf('"', start));
        }

        static double quantile(TreeMap<Double, Double> cumulative, double q) {
            double total = cumulative.lastEntry().getValue();
            for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
                if (e.getValue() >= q * total) {
                    return e.getKey();
                }
            }
            return Double.NaN;
        }
    }
}
