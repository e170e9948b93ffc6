package io.adplatform.loadgen.dplink;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import io.adplatform.fakes.PartnerFakes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * Counting throughput of dplink-controller: how many click reports per second it counts from {@code tracking-clicks}.
 * <ol>
 *   <li><b>set-up</b>: starts the controller, creates {@code --ads} ads of {@code --links-per-ad} links through its API
 *       (against the TikTok Marketing API fake in this process) and starts them, so one link per ad serves; stops the
 *       controller;</li>
 *   <li><b>preload</b>: writes {@code --records} click reports (JSON, as the ingestion side writes them, keyed by link
 *       id) into {@code tracking-clicks} while no controller runs: a share ({@code --serving-share}) on the serving
 *       links, so rounds end and replacement tasks are raised during the count, the rest uniform over all links;</li>
 *   <li><b>backlog</b>, per dedup mode: starts the controller (new consumer group and Redis key prefix, so it counts
 *       the same backlog from the start) and follows {@code dplink.clicks{outcome=counted}} until every record is
 *       counted: records/s from the first counted to the last, the controller's CPU meanwhile, the load average;</li>
 *   <li><b>live</b> (unless {@code --live-seconds 0}): with the backlog done, produces new reports at a fixed rate and
 *       reports the counted rate and the largest lag (produced, not yet counted) seen each second.</li>
 * </ol>
 * The controller runs as a child of this process ({@code --controller-jar}); its pid goes to {@code --pids-file} so
 * the calling script can stop it whatever happens here.
 */
public final class ClickThroughputBenchmark {

    static final String UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
            + "Gecko) Mobile/15E148 musical_ly_35.1.3";

    private final Opts o;
    private final String runId;
    private final String controllerJar;
    private final List<String> javaOpts;
    private final List<String> extraArgs;
    private final int port;
    private final String bootstrap;
    private final int redisPort;
    private final String database;
    private final String prefix;
    private final int fakesPort;
    private final String dspToken;
    private final String advertiser;
    private final int adCount;
    private final int linksPerAd;
    private final long records;
    private final double servingShare;
    private final List<String> modes;
    private final int liveRate;
    private final int liveSeconds;
    private final Path logDir;
    private final Path pidsFile;
    private final int countTimeout;
    private final String markdownOut;
    /** Other processes whose CPU is reported over the counting window (e.g. redis, kafka), by name. */
    private final Map<String, Long> watched = new LinkedHashMap<>();
    private final ControllerApi api;
    private Process controller;
    /** Records in tracking-clicks: the backlog, then the live runs' records too (a later mode counts them all). */
    private long inTopic;
    private final List<long[]> adLinks = new ArrayList<>();
    private final List<String> adIds = new ArrayList<>();
    private final long[] servingLink;
    private final Map<String, Object> producerProps = new HashMap<>();

    private ClickThroughputBenchmark(Opts o) {
        this.o = o;
        this.runId = o.text("run-id", Long.toHexString(System.nanoTime() & 0xffffffL));
        this.controllerJar = o.text("controller-jar", "dplink-controller/target/dplink-controller-0.1.0-SNAPSHOT-exec.jar");
        this.javaOpts = words(o.text("java-opts", "-Xms1g -Xmx1g -XX:+UseG1GC"));
        this.extraArgs = words(o.text("controller-args", ""));
        this.port = o.integer("port", 18086);
        this.bootstrap = o.text("bootstrap", "127.0.0.1:19392");
        this.redisPort = o.integer("redis-port", 6379);
        this.database = o.text("database", "adplatform_dplink_tp_" + runId);
        this.prefix = o.text("prefix", "bench:dpltp:" + runId + ":");
        this.fakesPort = o.integer("fakes-port", 18096);
        this.dspToken = o.text("dsp-token", "dplink-bench-tiktok-token");
        this.advertiser = o.text("advertiser", "7100000000001");
        this.adCount = o.integer("ads", 200);
        this.linksPerAd = o.integer("links-per-ad", 100);
        this.records = o.longValue("records", 3_000_000);
        this.servingShare = o.decimal("serving-share", 0.25);
        this.modes = o.list("modes", "off,on");
        this.liveRate = o.integer("live-rate", 50_000);
        this.liveSeconds = o.integer("live-seconds", 30);
        this.logDir = Path.of(o.text("log-dir", "."));
        this.pidsFile = o.text("pids-file", null) == null ? null : Path.of(o.text("pids-file", null));
        this.countTimeout = o.integer("count-timeout", 600);
        this.markdownOut = o.text("markdown-out", null);
        for (String pair : o.list("watch-pids", "")) {
            String[] kv = pair.split("=", 2);
            watched.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
        }
        this.api = new ControllerApi("http://127.0.0.1:" + port, o.text("service-token", "local-dev-service-token"));
        this.servingLink = new long[adCount];
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producerProps.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    }

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        Opts o = new Opts(args);
        ClickThroughputBenchmark b = new ClickThroughputBenchmark(o);
        o.checkAllRead();
        Runtime.getRuntime().addShutdownHook(new Thread(b::stopController));
        int exit;
        try (PartnerFakes fakes = PartnerFakes.builder().port(b.fakesPort).maxRecorded(100).start()) {
            exit = b.run(fakes);
        } finally {
            b.stopController();
        }
        System.exit(exit);
    }

    record Result(String mode, long backlog, double startupSeconds, double countSeconds, double perSecond, double peakSecond,
                  double medianSecond, double cpuCores, String othersCores, String redisMemory, String loadBefore, String loadAfter, long counted,
                  long duplicates, long redisSum, double prometheusCounted, long raised, Live live) {
    }

    record Live(int target, int seconds, long produced, double producedPerSecond, double countedPerSecond,
                long maxLag, double catchUpSeconds) {
    }

    private int run(PartnerFakes fakes) throws Exception {
        fakes.tiktokMarketing().registerAdvertiser(advertiser, dspToken);
        System.out.printf(Locale.ROOT, "dplink counting throughput, run %s: %d ads x %d links, %,d records (%.0f %% on "
                        + "the %d serving links), modes %s; controller %s %s; Kafka %s; Redis 127.0.0.1:%d%n", runId,
                adCount, linksPerAd, records, 100 * servingShare, adCount, modes, javaOpts, extraArgs, bootstrap,
                redisPort);
        System.out.println("load average at start: " + loadAverage());

        // 1. set-up through the API: one database per mode, so every mode starts from the same pools
        for (String mode : modes) {
            startController("setup-" + mode, mode, prefix + mode + ":", "bench-counter-" + runId + "-" + mode, false);
            long t = System.nanoTime();
            createAds(fakes);
            System.out.printf(Locale.ROOT, "set-up (database %s): %d ads, %,d links created and started in %.1f s%n",
                    database(mode), adCount, (long) adCount * linksPerAd, (System.nanoTime() - t) / 1e9);
            stopController();
        }

        // 2. the backlog
        preload();

        // 3. count it, per mode
        List<Result> results = new ArrayList<>();
        for (String mode : modes) {
            results.add(measure(mode));
        }
        String md = markdown(results);
        System.out.println();
        System.out.println("== summary (markdown) ==");
        System.out.println(md);
        if (markdownOut != null) {
            Files.writeString(Path.of(markdownOut), md, StandardCharsets.UTF_8);
        }
        boolean ok = results.stream().allMatch(r -> r.counted() + r.duplicates() == r.backlog()
                && r.redisSum() == r.counted() + (r.live() == null ? 0 : r.live().produced()));
        System.out.println(ok ? "check: every record counted exactly once in each mode (Redis sums agree)"
                : "CHECK FAILED: counts and records differ (see above)");
        return ok ? 0 : 2;
    }

    // ---------------------------------------------------------------- controller process

    private String database(String mode) {
        return database + "_" + mode;
    }

    private void startController(String name, String mode, String keyPrefix, String group, boolean dedup)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaOpts);
        cmd.addAll(List.of("-jar", controllerJar, "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/" + database(mode) + "?createDatabaseIfNotExist=true",
                "--spring.data.redis.port=" + redisPort,
                "--adplatform.dplink.counting.key-prefix=" + keyPrefix,
                "--adplatform.dplink.counting.group-id=" + group,
                "--adplatform.dplink.counting.dedup=" + dedup,
                "--adplatform.dplink.dsp.tiktok.base-url=http://127.0.0.1:" + fakesPort + "/tiktok",
                "--adplatform.dplink.dsp.tiktok.access-token=" + dspToken,
                "--adplatform.dplink.dsp.tiktok.rate-limit-per-second=1000",
                "--logging.level.root=WARN"));
        cmd.addAll(extraArgs);
        File log = logDir.resolve("controller-" + name + ".log").toFile();
        controller = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        if (pidsFile != null) {
            Files.writeString(pidsFile, controller.pid() + "\n");
        }
        long t = System.nanoTime();
        while (!api.ready()) {
            if (!controller.isAlive()) {
                throw new IllegalStateException("the controller exited at start; see " + log);
            }
            if (System.nanoTime() - t > 180e9) {
                throw new IllegalStateException("the controller did not become ready in 180 s; see " + log);
            }
            ControllerApi.sleep(100);
        }
    }

    private void stopController() {
        Process p = controller;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- set-up

    private void createAds(PartnerFakes fakes) {
        boolean first = adIds.isEmpty();
        for (int i = 0; i < adCount; i++) {
            String adId = "tp-" + runId + "-" + i;
            String dspAdId = "tt" + runId + "x" + i;
            fakes.tiktokMarketing().createAd(advertiser, dspAdId, "myapp://bench/placeholder/" + i);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dsp", "TIKTOK");
            body.put("accountId", advertiser);
            body.put("dspAdId", dspAdId);
            body.put("defaultCap", 5000);
            body.put("roundSize", 500);
            body.put("waitCapacity", 20);
            api.putAd(adId, body);
            List<String> urls = new ArrayList<>(linksPerAd);
            for (int j = 0; j < linksPerAd; j++) {
                urls.add("myapp://promo/" + runId + "/" + i + "/offer-" + j + "?src=tt");
            }
            long[] ids = api.addLinks(adId, urls).stream().mapToLong(Long::longValue).toArray();
            if (first) {
                adLinks.add(ids);
                adIds.add(adId);
            } else if (!Arrays.equals(ids, adLinks.get(i))) {
                throw new IllegalStateException("ad " + adId + " got other link ids than in the first database");
            }
            api.resume(adId);
        }
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (int i = 0; i < adCount; i++) {
            while (true) {
                JsonNode s = api.state(adIds.get(i));
                if ("ACTIVE".equals(s.path("status").asString())) {
                    long serving = s.path("serving").path("linkId").asLong();
                    if (!first && serving != servingLink[i]) {
                        throw new IllegalStateException("ad " + adIds.get(i) + " serves another link than in the first database");
                    }
                    servingLink[i] = serving;
                    break;
                }
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("ad " + adIds.get(i) + " not ACTIVE after 120 s: " + s);
                }
                ControllerApi.sleep(100);
            }
        }
    }

    // ---------------------------------------------------------------- records

    private byte[] report(String clickId, int ad, long link, Instant now, SplittableRandom rnd) {
        Instant clickedAt = now.minusMillis(rnd.nextLong(600_000) < 510_000 ? rnd.nextLong(5_000) : rnd.nextLong(600_000));
        return EventJson.mapper().writeValueAsBytes(new ClickReport(clickId, "tiktok", adIds.get(ad),
                Long.toString(link), clickedAt, now, "10." + rnd.nextInt(256) + '.' + rnd.nextInt(256) + '.'
                + rnd.nextInt(256), UA));
    }

    private long pickLink(SplittableRandom rnd, int[] adOut) {
        int ad = rnd.nextInt(adCount);
        adOut[0] = ad;
        if (rnd.nextDouble() < servingShare) {
            return servingLink[ad];
        }
        long[] links = adLinks.get(ad);
        return links[rnd.nextInt(links.length)];
    }

    private void preload() {
        SplittableRandom rnd = new SplittableRandom(7);
        AtomicLong errors = new AtomicLong();
        long bytes = 0;
        long t = System.nanoTime();
        int[] ad = new int[1];
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (long i = 0; i < records; i++) {
                if ((i & 0xffff) == 0) {
                    now = Instant.now();
                }
                long link = pickLink(rnd, ad);
                byte[] value = report("bl-" + runId + "-" + i, ad[0], link, now, rnd);
                bytes += value.length;
                p.send(new ProducerRecord<>(Topics.TRACKING_CLICKS, Long.toString(link), value), (md, e) -> {
                    if (e != null) {
                        errors.incrementAndGet();
                    }
                });
            }
            p.flush();
        }
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " records could not be written");
        }
        double s = (System.nanoTime() - t) / 1e9;
        inTopic = records;
        System.out.printf(Locale.ROOT, "preload: %,d records (%.0f B each on average) written to %s in %.1f s "
                + "(%,.0f/s), no controller running%n", records, (double) bytes / records, Topics.TRACKING_CLICKS, s,
                records / s);
    }

    // ---------------------------------------------------------------- measurement

    private Result measure(String mode) throws Exception {
        boolean dedup = "on".equals(mode);
        String keyPrefix = prefix + mode + ":";
        String loadBefore = loadAverage();
        long backlog = inTopic;
        System.out.printf("%n== dedup %s: controller starts on a backlog of %,d records (database, consumer group and "
                + "Redis prefix of its own) ==%n", mode, backlog);
        long t0 = System.nanoTime();
        startController(mode, mode, keyPrefix, "bench-counter-" + runId + "-" + mode, dedup);
        double startup = (System.nanoTime() - t0) / 1e9;
        long pid = controller.pid();
        long tFirst = 0;
        long tAll = 0;
        double cpuFirst = 0;
        double counted = 0;
        double dups = 0;
        List<double[]> samples = new ArrayList<>(); // {seconds since t0, counted+dups}
        Map<String, Double> othersFirst = new LinkedHashMap<>();
        long deadline = System.nanoTime() + countTimeout * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            counted = api.clicks("counted");
            dups = api.clicks("duplicate");
            long now = System.nanoTime();
            double done = counted + dups;
            samples.add(new double[] {(now - t0) / 1e9, done});
            if (done > 0 && tFirst == 0) {
                tFirst = now;
                cpuFirst = cpuSeconds(pid);
                watched.forEach((n, p) -> othersFirst.put(n, cpuSeconds(p)));
            }
            if (done >= backlog) {
                tAll = now;
                break;
            }
            if (!controller.isAlive()) {
                throw new IllegalStateException("the controller exited while counting");
            }
            ControllerApi.sleep(250);
        }
        if (tAll == 0) {
            System.out.printf("NOT all counted within %d s: %,.0f of %,d%n", countTimeout, counted + dups, backlog);
            tAll = System.nanoTime();
        }
        double cpu = cpuSeconds(pid) - cpuFirst;
        String loadAfter = loadAverage();
        double secs = (tAll - tFirst) / 1e9;
        StringBuilder others = new StringBuilder();
        watched.forEach((n, p) -> others.append(String.format(Locale.ROOT, "%s%s %.2f", others.length() == 0 ? "" : ", ",
                n, (cpuSeconds(p) - othersFirst.getOrDefault(n, 0.0)) / secs)));
        double rate = (counted + dups) / secs;
        double[] perSecond = perSecond(samples);
        double[] sorted = perSecond.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "ready after %.1f s; first record counted %.1f s after the start; all %,d "
                        + "counted %.1f s later: %,.0f records/s (counted %,.0f, duplicates %,.0f)%n", startup,
                (tFirst - t0) / 1e9, backlog, secs, rate, counted, dups);
        System.out.printf(Locale.ROOT, "per-second counted rates: %s%n", series(perSecond));
        System.out.printf(Locale.ROOT, "controller CPU while counting: %.1f s = %.2f cores%s; load average %s -> %s%n",
                cpu, cpu / secs, others.length() == 0 ? "" : " (others, cores: " + others + ")", loadBefore, loadAfter);
        Live live = liveSeconds > 0 ? live((long) (counted + dups)) : null;
        long redisSum = redisHashSum(keyPrefix + "clicks");
        String redisMemory = redisInfoField("used_memory_human");
        String redisKeys = redisInfoField("db0");
        System.out.printf("Redis after this mode: used_memory %s, keyspace %s%n", redisMemory, redisKeys);
        double prom = api.prometheusSum("dplink_clicks_total", "outcome=\"counted\"");
        long raised = (long) api.prometheusSum("dplink_replacements_raised_total", "");
        System.out.printf(Locale.ROOT, "Redis: sum of %sclicks = %,d; prometheus dplink_clicks_total{outcome=\"counted\"}"
                + " = %,.0f; replacement tasks raised: %d%n", keyPrefix, redisSum, prom, raised);
        stopController();
        return new Result(mode, backlog, startup, secs, rate, sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                sorted.length == 0 ? 0 : sorted[sorted.length / 2], cpu / secs, others.toString(), redisMemory,
                loadBefore, loadAfter,
                (long) counted, (long) dups, redisSum, prom, raised, live);
    }

    /** Live: new reports at a fixed rate while it counts; the counted rate and the lag, sampled every second. */
    private Live live(long countedBefore) throws Exception {
        System.out.printf(Locale.ROOT, "live: producing %,d reports/s for %d s while it counts ...%n", liveRate,
                liveSeconds);
        AtomicLong acked = new AtomicLong();
        AtomicLong sentCount = new AtomicLong();
        SplittableRandom rnd = new SplittableRandom(11);
        Thread producer = new Thread(() -> {
            int[] ad = new int[1];
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new ByteArraySerializer())) {
                long start = System.nanoTime();
                long sent = 0;
                long total = (long) liveRate * liveSeconds;
                while (sent < total) {
                    long due = (long) ((System.nanoTime() - start) / 1e9 * liveRate);
                    Instant now = Instant.now();
                    while (sent < Math.min(due, total)) {
                        long link = pickLink(rnd, ad);
                        p.send(new ProducerRecord<>(Topics.TRACKING_CLICKS, Long.toString(link),
                                        report("lv-" + runId + "-" + countedBefore + "-" + sent, ad[0], link, now, rnd)),
                                (md, e) -> {
                                    if (e == null) {
                                        acked.incrementAndGet();
                                    }
                                });
                        sent++;
                        sentCount.set(sent);
                    }
                    ControllerApi.sleep(5);
                }
                p.flush();
            }
        }, "live-producer");
        long t0 = System.nanoTime();
        producer.start();
        long maxLag = 0;
        List<double[]> samples = new ArrayList<>();
        double endOfProduction = 0;
        while (true) {
            ControllerApi.sleep(1000);
            long c = (long) (api.clicks("counted") + api.clicks("duplicate")) - countedBefore;
            long produced = acked.get();
            double s = (System.nanoTime() - t0) / 1e9;
            samples.add(new double[] {s, c});
            maxLag = Math.max(maxLag, produced - c);
            if (!producer.isAlive() && endOfProduction == 0) {
                endOfProduction = s;
            }
            if (!producer.isAlive() && c >= produced) {
                break;
            }
            if (s > liveSeconds + 300) {
                System.out.println("live: not caught up after 300 s");
                break;
            }
        }
        producer.join();
        double total = (System.nanoTime() - t0) / 1e9;
        long produced = acked.get();
        // Counted rate over the production window (excluding its first 5 s while the producer ramps up).
        double c5 = valueAt(samples, 5);
        double cEnd = valueAt(samples, endOfProduction);
        double countedRate = (cEnd - c5) / Math.max(1, endOfProduction - 5);
        inTopic += produced;
        Live live = new Live(liveRate, liveSeconds, produced, produced / Math.max(1, endOfProduction), countedRate,
                maxLag, total - endOfProduction);
        System.out.printf(Locale.ROOT, "live: produced %,d (%,.0f/s achieved), counted %,.0f/s during production, max "
                        + "lag %,d records, caught up %.1f s after production ended; per second counted: %s%n",
                produced, live.producedPerSecond(), countedRate, maxLag, live.catchUpSeconds(),
                series(perSecond(samples)));
        return live;
    }

    private static double valueAt(List<double[]> samples, double s) {
        double v = 0;
        for (double[] x : samples) {
            if (x[0] <= s) {
                v = x[1];
            }
        }
        return v;
    }

    /** Counted per whole second, interpolated from the samples. */
    private static double[] perSecond(List<double[]> samples) {
        if (samples.size() < 2) {
            return new double[0];
        }
        double first = samples.stream().filter(x -> x[1] > 0).mapToDouble(x -> x[0]).findFirst().orElse(0);
        double last = samples.get(samples.size() - 1)[0];
        List<Double> out = new ArrayList<>();
        for (double s = Math.ceil(first); s + 1 <= last; s++) {
            out.add(interp(samples, s + 1) - interp(samples, s));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double interp(List<double[]> samples, double s) {
        for (int i = 1; i < samples.size(); i++) {
            double[] a = samples.get(i - 1);
            double[] b = samples.get(i);
            if (b[0] >= s) {
                return a[1] + (b[1] - a[1]) * (s - a[0]) / Math.max(1e-9, b[0] - a[0]);
            }
        }
        return samples.get(samples.size() - 1)[1];
    }

    private static String series(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            if (b.length() > 0) {
                b.append(" · ");
            }
            b.append(String.format(Locale.ROOT, "%,.0f", x));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime in USER_HZ (100)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Sum of a hash's values, computed inside Redis (one EVAL over a plain RESP connection). */
    private long redisHashSum(String key) {
        String script = "local s = 0 for _, v in ipairs(redis.call('HVALS', KEYS[1])) do s = s + tonumber(v) end return s";
        try (Socket s = new Socket("127.0.0.1", redisPort)) {
            OutputStream out = s.getOutputStream();
            StringBuilder cmd = new StringBuilder("*4\r\n");
            for (String part : List.of("EVAL", script, "1", key)) {
                cmd.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                        .append("\r\n");
            }
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            String reply = line.toString().trim();
            if (!reply.startsWith(":")) {
                throw new IllegalStateException("Redis answered " + reply);
            }
            return Long.parseLong(reply.substring(1));
        } catch (IOException e) {
            throw new IllegalStateException("Redis at 127.0.0.1:" + redisPort + ": " + e, e);
        }
    }

    /** One field of Redis INFO (e.g. {@code used_memory_human}, {@code db0}), or "?". */
    private String redisInfoField(String field) {
        try (Socket s = new Socket("127.0.0.1", redisPort)) {
            s.getOutputStream().write("*1\r\n$4\r\nINFO\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder header = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                header.append((char) c);
            }
            int len = Integer.parseInt(header.toString().trim().substring(1));
            byte[] body = in.readNBytes(len);
            for (String line : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1);
                }
            }
            return "?";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private String markdown(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Run %s: %,d preloaded click reports over %,d links of %d ads (%.0f %% on "
                        + "the serving links), controller %s%s.%n%n", runId, records, (long) adCount * linksPerAd,
                adCount, 100 * servingShare, String.join(" ", javaOpts),
                extraArgs.isEmpty() ? "" : " " + String.join(" ", extraArgs)));
        b.append("| dedup | backlog | counted in | **records/s** | median / best second | controller CPU (cores) "
                + "| other CPU (cores) | Redis memory after | load avg before → after | tasks raised |");
        if (liveSeconds > 0) {
            b.append(" live: target → produced/s | live: counted/s | live: max lag | live: caught up after |");
        }
        b.append('\n');
        b.append("|---|---|---|---|---|---|---|---|---|---|").append(liveSeconds > 0 ? "---|---|---|---|" : "").append('\n');
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "| %s | %,d | %.1f s | **%,.0f** | %,.0f / %,.0f | %.2f | %s | %s | %s → %s | %d |",
                    r.mode(), r.backlog(), r.countSeconds(), r.perSecond(), r.medianSecond(), r.peakSecond(), r.cpuCores(),
                    r.othersCores(), r.redisMemory(), r.loadBefore(), r.loadAfter(), r.raised()));
            if (r.live() != null) {
                Live l = r.live();
                b.append(String.format(Locale.ROOT, " %,d → %,.0f | %,.0f | %,d | %.1f s |", l.target(),
                        l.producedPerSecond(), l.countedPerSecond(), l.maxLag(), l.catchUpSeconds()));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
