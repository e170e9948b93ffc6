package io.adplatform.loadgen.dplink;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import io.adplatform.fakes.PartnerFakes;
import io.adplatform.fakes.TikTokMarketingFake;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * Replays click streams with realistic report delays against a running dplink-controller and reports, per link, the
 * final clicks against the cap and the clicks left unused on retired links — for two policies in one run:
 * <ul>
 *   <li><b>naive</b>: swap at the cap, nothing else (round = cap, wait queue 1, late-click reserve fixed at 0);</li>
 *   <li><b>controlled</b>: seed 004's rotation (rounds of 500, wait queue 20, reserve learnt).</li>
 * </ul>
 * The TikTok Marketing API fake runs in this JVM: the controller swaps deep links on it, and every simulated click
 * asks it which deep link the ad serves at that moment (and whether the ad is enabled). Each click's report goes to
 * {@code tracking-clicks} after a delay drawn from {@link DelayModel}, from a single scheduler thread holding the
 * pending reports in a heap ordered by due time. The simulator's own tally of generated clicks is the truth; at the
 * end it is compared with the controller's counts.
 *
 * <pre>
 * java -Dloader.main=io.adplatform.loadgen.dplink.ClickSimulator -jar loadgen-exec.jar --controller http://127.0.0.1:18084 \
 *   --bootstrap 127.0.0.1:19392 --fakes-port 18095 --ads-per-policy 4 --links-per-ad 8 --cap 5000 \
 *   --clicks-per-second-per-ad 100 --time-scale 2
 * </pre>
 * Time: {@code --time-scale k} divides every report delay by k and multiplies the click rate by k, so the clicks in
 * flight (rate × delay) are those of the real-time scenario; the controller's own latencies are not scaled (which
 * makes k > 1 slightly harder for it, not easier). Rates and delays in options and output are simulated (real-time
 * scenario) figures unless marked "wall".
 */
public final class ClickSimulator {

    enum Policy {
        NAIVE, CONTROLLED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String SOURCE = "tiktok";
    static final String UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0 Mobile Safari/537.36 musical_ly_35.1.3";

    /** One ad as the simulator drives it. Touched by the scheduler thread only (the monitor reads a few volatiles). */
    static final class SimAd {
        final Policy policy;
        final String adId;
        final String dspAdId;
        final List<SimLink> links = new ArrayList<>();
        long nextArrival;
        boolean seenEnabled;
        volatile boolean finished;
        long finishedAt;
        long clicks;
        long skipped;
        SimLink stintLink;
        long stintStart;
        long stintClicks;

        SimAd(Policy policy, String adId, String dspAdId) {
            this.policy = policy;
            this.adId = adId;
            this.dspAdId = dspAdId;
        }
    }

    static final class SimLink {
        final SimAd ad;
        final int index;
        final long id;
        final String url;
        long truth;
        final List<Stint> stints = new ArrayList<>();

        SimLink(SimAd ad, int index, long id, String url) {
            this.ad = ad;
            this.index = index;
            this.id = id;
            this.url = url;
        }
    }

    /** A spell of serving: while the DSP had this link live, from the first click seen on it to the first one after. */
    record Stint(long start, long end, long clicks, long truthAtEnd) {
    }

    record Pending(long due, SimLink link, long clickedAt, long seq) {
    }

    private final Opts o;
    private final String runId;
    private final String idPrefix;
    private final int adsPerPolicy;
    private final int linksPerAd;
    private final int cap;
    private final int roundSize;
    private final int waitCapacity;
    private final double ratePerAd;
    private final double timeScale;
    private final double durationSim;
    private final double maxGenerationWall;
    private final DelayModel delays;
    private final int progressSeconds;
    private final int drainTimeout;
    private final long seed;
    private final ControllerApi api;
    private final String bootstrap;
    private final String advertiser;
    private final String dspToken;
    private final List<Policy> policies = new ArrayList<>();
    private final List<SimAd> ads = new ArrayList<>();
    private final Map<String, SimLink> byUrl = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile long generated;
    private volatile long sent;
    private volatile int inFlight;
    private volatile long lastDue;
    private volatile boolean generating = true;
    private volatile boolean monitoring = true;
    private long t0;
    private Instant wall0;
    private final List<Double> realized = new ArrayList<>();

    private ClickSimulator(Opts o) {
        this.o = o;
        this.runId = o.text("run-id", Long.toHexString(System.nanoTime() & 0xffffffL));
        this.idPrefix = "sim-" + runId + "-";
        this.adsPerPolicy = o.integer("ads-per-policy", 4);
        this.linksPerAd = o.integer("links-per-ad", 8);
        this.cap = o.integer("cap", 5000);
        this.roundSize = o.integer("round-size", 500);
        this.waitCapacity = o.integer("wait-capacity", 20);
        this.ratePerAd = o.decimal("clicks-per-second-per-ad", 100);
        this.timeScale = o.decimal("time-scale", 1);
        this.durationSim = o.decimal("duration", 0);
        this.maxGenerationWall = o.decimal("max-generation-wall", 1800);
        this.delays = DelayModel.from(o);
        this.progressSeconds = o.integer("progress-seconds", 15);
        this.drainTimeout = o.integer("drain-timeout", 180);
        this.seed = o.longValue("seed", 20261121L);
        this.api = new ControllerApi(o.text("controller", "http://127.0.0.1:18084"),
                o.text("service-token", "local-dev-service-token"));
        this.bootstrap = o.text("bootstrap", "127.0.0.1:19392");
        this.advertiser = o.text("advertiser", "7000000" + runId.replaceAll("[^0-9]", "1"));
        this.dspToken = o.text("dsp-token", "dplink-sim-tiktok-token");
        for (String p : o.list("policies", "naive,controlled")) {
            policies.add(Policy.valueOf(p.trim().toUpperCase(Locale.ROOT)));
        }
    }

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        Opts o = new Opts(args);
        ClickSimulator sim = new ClickSimulator(o);
        int fakesPort = o.integer("fakes-port", 18095);
        String markdownOut = o.text("markdown-out", null);
        int top = o.integer("top", 12);
        o.checkAllRead();
        int exit;
        try (PartnerFakes fakes = PartnerFakes.builder().port(fakesPort).maxRecorded(200).start()) {
            exit = sim.run(fakes, top, markdownOut);
        }
        System.exit(exit);
    }

    private int run(PartnerFakes fakes, int top, String markdownOut) throws Exception {
        this.fakesRef = fakes;
        TikTokMarketingFake tiktok = fakes.tiktokMarketing();
        tiktok.registerAdvertiser(advertiser, dspToken);
        System.out.printf(Locale.ROOT, "dplink click simulator, run %s: %d ads per policy %s, %d links per ad, cap %d; "
                        + "controlled: round %d, wait queue %d, reserve learnt; naive: round = cap, wait queue 1, reserve 0%n",
                runId, adsPerPolicy, policies, linksPerAd, cap, roundSize, waitCapacity);
        System.out.printf(Locale.ROOT, "clicks: Poisson, %.0f/s per ad (simulated); time scale %.2f -> %.0f/s per ad wall, "
                + "delays divided by %.2f%n", ratePerAd, timeScale, ratePerAd * timeScale, timeScale);
        System.out.println("report delay model: " + delays.describe());
        System.out.println("  its percentiles (simulated time): " + delays.percentiles(seed + 1));
        System.out.printf("DSP fake (TikTok Marketing API) in this process at %s; controller %s; Kafka %s%n",
                fakes.tiktokBaseUrl(), api.url(), bootstrap);
        api.awaitReady(Duration.ofSeconds(120));

        setUp(fakes);
        Random rnd = new Random(seed);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "dplink-click-simulator-" + runId);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            Thread monitor = new Thread(this::monitor, "sim-monitor");
            monitor.setDaemon(true);
            t0 = System.nanoTime();
            wall0 = Instant.now();
            for (SimAd ad : ads) {
                api.resume(ad.adId);
            }
            monitor.start();
            simulate(producer, rnd);
            producer.flush();
        }
        System.out.printf(Locale.ROOT, "%nall %,d reports delivered to Kafka (%,d acknowledged, %d send errors) %.1f s "
                        + "after the start; waiting for the controller to count them ...%n", sent, acked.get(),
                sendErrors.get(), seconds(System.nanoTime()));
        boolean drained = awaitDrained(Duration.ofSeconds(drainTimeout));
        monitoring = false;
        return report(fakes, drained, top, markdownOut);
    }

    // ---------------------------------------------------------------- set-up

    private void setUp(PartnerFakes fakes) {
        TikTokMarketingFake tiktok = fakes.tiktokMarketing();
        for (Policy p : policies) {
            for (int i = 1; i <= adsPerPolicy; i++) {
                String adId = "sim-" + runId + "-" + p.label() + "-" + i;
                String dspAdId = "tt" + runId + p.label().charAt(0) + i;
                tiktok.createAd(advertiser, dspAdId, "myapp://sim/placeholder/" + dspAdId);
                disableAtFake(fakes, dspAdId);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("dsp", "TIKTOK");
                body.put("accountId", advertiser);
                body.put("dspAdId", dspAdId);
                body.put("defaultCap", cap);
                if (p == Policy.NAIVE) {
                    body.put("roundSize", cap);
                    body.put("waitCapacity", 1);
                    body.put("lateReserve", 0);
                } else {
                    body.put("roundSize", roundSize);
                    body.put("waitCapacity", waitCapacity);
                }
                api.putAd(adId, body);
                List<String> urls = new ArrayList<>();
                for (int j = 1; j <= linksPerAd; j++) {
                    urls.add("myapp://promo/" + runId + "/" + p.label() + i + "/offer-" + j + "?src=tt");
                }
                List<Long> ids = api.addLinks(adId, urls);
                SimAd ad = new SimAd(p, adId, dspAdId);
                for (int j = 0; j < urls.size(); j++) {
                    SimLink l = new SimLink(ad, j + 1, ids.get(j), urls.get(j));
                    ad.links.add(l);
                    byUrl.put(l.url, l);
                }
                ads.add(ad);
            }
        }
        System.out.printf("created %d ads with %d links through the controller's API; starting them%n", ads.size(),
                byUrl.size());
    }

    /** The fake creates ads enabled; ours start disabled so no click happens before the controller starts them. */
    private void disableAtFake(PartnerFakes fakes, String dspAdId) {
        String body = "{\"advertiser_id\":\"" + advertiser + "\",\"ad_ids\":[\"" + dspAdId
                + "\"],\"operation_status\":\"DISABLE\"}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(fakes.tiktokBaseUrl() + "/open_api/v1.3/ad/status/update/"))
                .header("Access-Token", dspToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!"DISABLE".equals(fakes.tiktokMarketing().status(dspAdId))) {
            throw new IllegalStateException("could not disable " + dspAdId + " at the fake");
        }
    }

    // ---------------------------------------------------------------- the scheduler

    private void simulate(KafkaProducer<String, byte[]> producer, Random rnd) {
        TikTokMarketingFake tiktok = fakesRef.tiktokMarketing();
        double wallRate = ratePerAd * timeScale;
        for (SimAd ad : ads) {
            ad.nextArrival = t0 + exp(rnd, wallRate);
        }
        long durationNanos = durationSim > 0 ? (long) (durationSim / timeScale * 1e9) : Long.MAX_VALUE;
        long maxGen = (long) (maxGenerationWall * 1e9);
        PriorityQueue<Pending> heap = new PriorityQueue<>(Comparator.comparingLong(Pending::due)
                .thenComparingLong(Pending::seq));
        long seq = 0;
        while (true) {
            long now = System.nanoTime();
            if (generating) {
                boolean all = true;
                for (SimAd ad : ads) {
                    while (!ad.finished && ad.nextArrival <= now) {
                        long t = ad.nextArrival;
                        ad.nextArrival += exp(rnd, wallRate);
                        SimLink link = serving(tiktok, ad, t);
                        if (link == null) {
                            continue;
                        }
                        link.truth++;
                        ad.clicks++;
                        ad.stintClicks++;
                        double d = delays.sample(rnd);
                        realized.add(d);
                        long due = t + (long) (d / timeScale * 1e9);
                        heap.add(new Pending(due, link, t, ++seq));
                        lastDue = Math.max(lastDue, due);
                    }
                    all &= ad.finished;
                }
                generated = seq;
                if (all || now - t0 >= durationNanos || now - t0 >= maxGen) {
                    generating = false;
                    for (SimAd ad : ads) {
                        if (!ad.finished) {
                            ad.finished = true;
                            ad.finishedAt = now;
                            closeStint(ad, now);
                        }
                    }
                    System.out.printf(Locale.ROOT, "click generation ended after %.1f s wall (%s): %,d clicks; "
                                    + "%,d reports still in flight, the last due in %.1f s%n", seconds(now),
                            all ? "every ad exhausted" : "duration reached", seq, heap.size(), (lastDue - now) / 1e9);
                }
            }
            while (!heap.isEmpty() && heap.peek().due() <= now) {
                deliver(producer, heap.poll(), idPrefix);
            }
            inFlight = heap.size();
            if (!generating && heap.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(400_000);
        }
    }

    private PartnerFakes fakesRef;

    /** The link the ad serves at click time {@code t}, or null when it is not live (no click happens). */
    private SimLink serving(TikTokMarketingFake tiktok, SimAd ad, long t) {
        if (!"ENABLE".equals(tiktok.status(ad.dspAdId))) {
            if (ad.seenEnabled) {
                // Disabled after having run: the controller paused it as exhausted.
                ad.finished = true;
                ad.finishedAt = t;
                closeStint(ad, t);
            }
            ad.skipped++;
            return null;
        }
        SimLink link = byUrl.get(tiktok.currentDeeplink(ad.dspAdId));
        if (link == null || link.ad != ad) {
            ad.skipped++;
            return null;
        }
        ad.seenEnabled = true;
        if (ad.stintLink != link) {
            closeStint(ad, t);
            ad.stintLink = link;
            ad.stintStart = t;
            ad.stintClicks = 0;
        }
        return link;
    }

    private void closeStint(SimAd ad, long t) {
        if (ad.stintLink != null) {
            ad.stintLink.stints.add(new Stint(ad.stintStart, t, ad.stintClicks, ad.stintLink.truth));
            ad.stintLink = null;
        }
    }

    private void deliver(KafkaProducer<String, byte[]> producer, Pending p, String idPrefix) {
        Instant clickedAt = wall0.plusNanos(p.clickedAt() - t0);
        String linkId = Long.toString(p.link().id);
        long s = p.seq();
        ClickReport report = new ClickReport(idPrefix + s, SOURCE, p.link().ad.adId, linkId, clickedAt, Instant.now(),
                "10." + ((s >> 16) & 255) + '.' + ((s >> 8) & 255) + '.' + (s & 255), UA);
        producer.send(new ProducerRecord<>(Topics.TRACKING_CLICKS, linkId, EventJson.mapper().writeValueAsBytes(report)),
                (md, e) -> {
                    if (e != null) {
                        sendErrors.incrementAndGet();
                    } else {
                        acked.incrementAndGet();
                    }
                });
        sent++;
    }

    private static long exp(Random rnd, double perSecond) {
        return (long) (-Math.log(1 - rnd.nextDouble()) / perSecond * 1e9);
    }

    private double seconds(long nanos) {
        return (nanos - t0) / 1e9;
    }

    // ---------------------------------------------------------------- progress and drain

    private void monitor() {
        int every = progressSeconds;
        while (true) {
            ControllerApi.sleep(every * 1000L);
            if (!monitoring) {
                return;
            }
            try {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                        "[%6.1f s] generated %,d, reported %,d, in flight %,d%s", seconds(System.nanoTime()), generated,
                        sent, inFlight, generating ? "" : String.format(Locale.ROOT, " (last due in %.0f s)",
                                Math.max(0, (lastDue - System.nanoTime()) / 1e9))));
                for (Policy p : policies) {
                    long counted = 0;
                    int exhausted = 0;
                    for (SimAd ad : ads) {
                        if (ad.policy == p) {
                            JsonNode s = api.state(ad.adId);
                            counted += s.path("totals").path("clicks").asLong();
                            exhausted += "EXHAUSTED".equals(s.path("status").asString()) ? 1 : 0;
                        }
                    }
                    b.append(String.format(Locale.ROOT, "; %s: counted %,d, exhausted %d/%d", p.label(), counted,
                            exhausted, adsPerPolicy));
                }
                System.out.println(b);
            } catch (RuntimeException e) {
                System.out.println("[monitor] " + e.getMessage());
            }
        }
    }

    private boolean awaitDrained(Duration limit) {
        long truth = ads.stream().mapToLong(a -> a.clicks).sum();
        long end = System.nanoTime() + limit.toNanos();
        long counted = -1;
        while (System.nanoTime() < end) {
            counted = 0;
            for (SimAd ad : ads) {
                counted += api.state(ad.adId).path("totals").path("clicks").asLong();
            }
            if (counted >= truth) {
                break;
            }
            ControllerApi.sleep(1000);
        }
        // Let a rotation step raised by the last reports finish before reading the final state.
        ControllerApi.sleep(3000);
        System.out.printf(Locale.ROOT, "controller counted %,d of %,d generated clicks%s (%.1f s after the start)%n",
                counted, truth, counted == truth ? "" : " — NOT DRAINED", seconds(System.nanoTime()));
        return counted == truth;
    }

    // ---------------------------------------------------------------- the report

    record SwapInfo(long generation, String kind, String reason, Long oldLinkId, String oldLinkNext, Long oldLinkCount,
                    Long newLinkId, Long newLinkCount, List<Long> retired, int reserve, Instant decidedAt,
                    Instant completedAt) {

        static SwapInfo of(JsonNode n) {
            List<Long> retired = n.path("retired").valueStream().map(JsonNode::asLong).toList();
            return new SwapInfo(n.path("generation").asLong(), n.path("kind").asString(), n.path("reason").asString(),
                    n.hasNonNull("oldLinkId") ? n.path("oldLinkId").asLong() : null,
                    n.path("oldLinkNext").asString(null),
                    n.hasNonNull("oldLinkCount") ? n.path("oldLinkCount").asLong() : null,
                    n.hasNonNull("newLinkId") ? n.path("newLinkId").asLong() : null,
                    n.hasNonNull("newLinkCount") ? n.path("newLinkCount").asLong() : null, retired,
                    n.path("reserve").asInt(), instant(n.path("decidedAt")), instant(n.path("completedAt")));
        }

        private static Instant instant(JsonNode n) {
            return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asString());
        }
    }

    record LinkResult(SimLink link, int cap, String state, long counted, int rounds, long over, long unused,
                      SwapInfo lastOut, SwapInfo retiredBy) {

        double overPct() {
            return 100.0 * (link.truth - cap) / cap;
        }
    }

    record PolicySummary(Policy policy, int ads, int exhausted, int links, long clicks, long capTotal, LinkResult worst,
                         double medianOverPct, double meanOverPct, long overCount, long over2Count, long overTotal,
                         long unusedDone, int doneLinks, long swaps, long dspChanges, String reserves, int mismatches,
                         double medianFinalPct) {
    }

    private int report(PartnerFakes fakes, boolean drained, int top, String markdownOut)
            throws IOException {
        Map<Policy, List<LinkResult>> results = new EnumMap<>(Policy.class);
        Map<Policy, PolicySummary> summaries = new EnumMap<>(Policy.class);
        Map<String, List<SwapInfo>> swapsByAd = new HashMap<>();
        int mismatches = 0;
        for (Policy p : policies) {
            List<LinkResult> rows = new ArrayList<>();
            int exhausted = 0;
            long swaps = 0;
            long dspChanges = 0;
            List<Integer> reserves = new ArrayList<>();
            for (SimAd ad : ads) {
                if (ad.policy != p) {
                    continue;
                }
                JsonNode s = api.state(ad.adId);
                exhausted += "EXHAUSTED".equals(s.path("status").asString()) ? 1 : 0;
                swaps += s.path("swaps").asLong();
                dspChanges += fakes.tiktokMarketing().deeplinkHistory(ad.dspAdId).size();
                reserves.add(s.path("settings").path("lateReserve").asInt());
                List<SwapInfo> steps = new ArrayList<>(api.swaps(ad.adId).path("swaps").valueStream()
                        .map(SwapInfo::of).toList());
                steps.sort(Comparator.comparingLong(SwapInfo::generation));
                swapsByAd.put(ad.adId, steps);
                Map<Long, JsonNode> views = new HashMap<>();
                s.path("links").forEach(l -> views.put(l.path("linkId").asLong(), l));
                for (SimLink l : ad.links) {
                    JsonNode v = views.get(l.id);
                    int linkCap = v == null ? cap : v.path("cap").asInt();
                    long counted = v == null ? -1 : v.path("clicks").asLong();
                    String state = v == null ? "?" : v.path("state").asString();
                    if (counted != l.truth) {
                        mismatches++;
                    }
                    SwapInfo lastOut = null;
                    SwapInfo retiredBy = null;
                    for (SwapInfo step : steps) {
                        if (step.oldLinkId() != null && step.oldLinkId() == l.id && !"RENEW".equals(step.kind())) {
                            lastOut = step;
                        }
                        if (step.retired().contains(l.id)) {
                            retiredBy = step;
                        }
                    }
                    rows.add(new LinkResult(l, linkCap, state, counted, v == null ? 0 : v.path("rounds").asInt(),
                            Math.max(0, l.truth - linkCap), "DONE".equals(state) ? Math.max(0, linkCap - l.truth) : 0,
                            lastOut, retiredBy));
                }
            }
            results.put(p, rows);
            summaries.put(p, summarize(p, rows, exhausted, swaps, dspChanges, reserves));
        }

        System.out.printf(Locale.ROOT, "%nrealized report delays (%,d clicks, simulated time): %s%n", realized.size(),
                realizedPercentiles());
        printLinkTable(results);
        printWorst(results, swapsByAd, top);
        String md = markdown(summaries, drained);
        System.out.println();
        System.out.println("== summary (markdown) ==");
        System.out.println(md);
        if (markdownOut != null) {
            Files.writeString(Path.of(markdownOut), md, StandardCharsets.UTF_8);
        }
        PolicySummary c = summaries.get(Policy.CONTROLLED);
        if (c != null) {
            boolean met = c.worst().link().truth <= c.worst().cap() * 1.02;
            System.out.printf(Locale.ROOT, "TARGET (controlled: worst link <= cap + 2 %%): %s — worst %+.2f %% (link %d of %s)%n",
                    met ? "MET" : "NOT MET", c.worst().overPct(), c.worst().link().id, c.worst().link().ad.adId);
        }
        if (mismatches > 0 || !drained) {
            System.out.printf("CHECK FAILED: %d links whose controller count differs from the simulator's truth%n",
                    mismatches);
            return 2;
        }
        System.out.println("check: every link's count at the controller equals the clicks the simulator generated on it");
        return 0;
    }

    private PolicySummary summarize(Policy p, List<LinkResult> rows, int exhausted, long swaps, long dspChanges,
                                    List<Integer> reserves) {
        LinkResult worst = rows.stream().max(Comparator.comparingDouble(LinkResult::overPct)).orElseThrow();
        double[] over = rows.stream().mapToDouble(r -> 100.0 * r.over() / r.cap()).sorted().toArray();
        double[] finals = rows.stream().mapToDouble(LinkResult::overPct).sorted().toArray();
        long overTotal = rows.stream().mapToLong(LinkResult::over).sum();
        long overCount = rows.stream().filter(r -> r.over() > 0).count();
        long over2 = rows.stream().filter(r -> r.link().truth > r.cap() * 1.02).count();
        long unused = rows.stream().mapToLong(LinkResult::unused).sum();
        int done = (int) rows.stream().filter(r -> "DONE".equals(r.state())).count();
        long clicks = rows.stream().mapToLong(r -> r.link().truth).sum();
        long capTotal = rows.stream().mapToLong(LinkResult::cap).sum();
        int mism = (int) rows.stream().filter(r -> r.counted() != r.link().truth).count();
        String res = reserves.stream().mapToInt(Integer::intValue).min().orElse(0) + "–"
                + reserves.stream().mapToInt(Integer::intValue).max().orElse(0);
        return new PolicySummary(p, (int) ads.stream().filter(a -> a.policy == p).count(), exhausted, rows.size(), clicks,
                capTotal, worst, median(over), mean(over), overCount, over2, overTotal, unused, done, swaps, dspChanges,
                res, mism, median(finals));
    }

    private void printLinkTable(Map<Policy, List<LinkResult>> results) {
        System.out.println();
        System.out.println("per link (final = clicks the simulator generated on it; counted = the controller's count):");
        System.out.println("policy     ad                          link#  linkId    cap    final  counted   vs cap  state   "
                + "rounds  last swap-out (kind/reason -> next, counted then, reserve)");
        for (Map.Entry<Policy, List<LinkResult>> e : results.entrySet()) {
            for (LinkResult r : e.getValue()) {
                SwapInfo s = r.lastOut();
                String out = s == null ? "-" : String.format(Locale.ROOT, "%s/%s -> %s, %,d, reserve %d", s.kind(),
                        s.reason(), s.oldLinkNext(), s.oldLinkCount(), s.reserve());
                if (r.retiredBy() != null) {
                    out += String.format(Locale.ROOT, "; retired while waiting (reserve %d)", r.retiredBy().reserve());
                }
                System.out.printf(Locale.ROOT, "%-10s %-27s %5d %7d %6d %8d %8d %+7.2f%%  %-8s %5d  %s%s%n",
                        e.getKey().label(), r.link().ad.adId, r.link().index, r.link().id, r.cap(), r.link().truth,
                        r.counted(), r.overPct(), r.state(), r.rounds(), out,
                        r.counted() != r.link().truth ? "  MISMATCH" : "");
            }
        }
    }

    /** The links that ended furthest over their cap, with their serving spells and the steps that moved them. */
    private void printWorst(Map<Policy, List<LinkResult>> results, Map<String, List<SwapInfo>> swapsByAd, int top) {
        for (Map.Entry<Policy, List<LinkResult>> e : results.entrySet()) {
            List<LinkResult> worst = e.getValue().stream().filter(r -> r.over() > 0)
                    .sorted(Comparator.comparingDouble(LinkResult::overPct).reversed()).limit(top).toList();
            System.out.printf(Locale.ROOT, "%n%s: %d links over their cap; the worst %d, with every serving spell "
                            + "(simulator: wall seconds since start, clicks in the spell, link total at its end) and the "
                            + "controller's steps that took the link out (counted at commit):%n", e.getKey().label(),
                    e.getValue().stream().filter(r -> r.over() > 0).count(), worst.size());
            for (LinkResult r : worst) {
                SimLink l = r.link();
                System.out.printf(Locale.ROOT, "  link %d (%s #%d): final %,d vs cap %,d (%+.2f %%), state %s%n", l.id,
                        l.ad.adId, l.index, l.truth, r.cap(), r.overPct(), r.state());
                for (int i = 0; i < l.stints.size(); i++) {
                    Stint s = l.stints.get(i);
                    System.out.printf(Locale.ROOT, "    spell %d: %.2f-%.2f s, %,d clicks, total %,d%n", i + 1,
                            seconds(s.start()), seconds(s.end()), s.clicks(), s.truthAtEnd());
                }
                for (SwapInfo s : swapsByAd.getOrDefault(l.ad.adId, List.of())) {
                    boolean out = s.oldLinkId() != null && s.oldLinkId() == l.id;
                    if (out || s.retired().contains(l.id)) {
                        System.out.printf(Locale.ROOT, "    step gen %d %s/%s decided %.2f s, committed %.2f s: %s, "
                                        + "counted %s, reserve %d (effective cap %d), %d late reports after it%n",
                                s.generation(), s.kind(), s.reason(), rel(s.decidedAt()), rel(s.completedAt()),
                                out ? "out -> " + s.oldLinkNext() : "retired while waiting",
                                out ? String.format(Locale.ROOT, "%,d", s.oldLinkCount()) : "-", s.reserve(),
                                Math.max(r.cap() - (long) s.reserve(), (r.cap() + 1) / 2),
                                out && s.oldLinkCount() != null ? l.truth - s.oldLinkCount() : 0);
                    }
                }
            }
        }
    }

    private double rel(Instant t) {
        return t == null ? Double.NaN : Duration.between(wall0, t).toNanos() / 1e9;
    }

    private String realizedPercentiles() {
        double[] s = realized.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = s.length == 0 ? 0 : java.util.Arrays.stream(s).sum() / s.length;
        return DelayModel.summary(s, mean);
    }

    private String markdown(Map<Policy, PolicySummary> summaries, boolean drained) {
        List<PolicySummary> cols = new ArrayList<>(summaries.values());
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Run %s: %d ads per policy × %d links, cap %,d, %.0f clicks/s per ad "
                        + "(simulated; time scale %.2f, i.e. %.0f/s wall), delays %s.%n%n", runId, adsPerPolicy,
                linksPerAd, cap, ratePerAd, timeScale, ratePerAd * timeScale, delays.describe()));
        b.append("| |");
        cols.forEach(c -> b.append(' ').append(c.policy().label()).append(" |"));
        b.append("\n|---|");
        cols.forEach(c -> b.append("---|"));
        b.append('\n');
        row(b, cols, "settings", c -> c.policy() == Policy.NAIVE ? "round = cap, wait queue 1, reserve 0"
                : "round " + roundSize + ", wait queue " + waitCapacity + ", reserve learnt");
        row(b, cols, "ads exhausted / ads", c -> c.exhausted() + " / " + c.ads());
        row(b, cols, "clicks generated (= counted)", c -> String.format(Locale.ROOT, "%,d", c.clicks()));
        row(b, cols, "**worst link: final vs cap**", c -> String.format(Locale.ROOT, "**%,d vs %,d (%+.2f %%)**",
                c.worst().link().truth, c.worst().cap(), c.worst().overPct()));
        row(b, cols, "median link: final vs cap", c -> String.format(Locale.ROOT, "%+.2f %%", c.medianFinalPct()));
        row(b, cols, "overshoot per link, median / mean", c -> String.format(Locale.ROOT, "%.2f %% / %.2f %%",
                c.medianOverPct(), c.meanOverPct()));
        row(b, cols, "links over cap / over cap + 2 %", c -> c.overCount() + " / " + c.over2Count() + " of " + c.links());
        row(b, cols, "clicks over caps, total", c -> String.format(Locale.ROOT, "%,d (%.2f %% of all caps)",
                c.overTotal(), 100.0 * c.overTotal() / c.capTotal()));
        row(b, cols, "clicks left unused on retired (DONE) links", c -> String.format(Locale.ROOT,
                "%,d on %d DONE links (%.2f %% of their caps)", c.unusedDone(), c.doneLinks(),
                c.doneLinks() == 0 ? 0 : 100.0 * c.unusedDone() / ((long) c.doneLinks() * cap)));
        row(b, cols, "swaps (committed steps incl. start, exhaustion) / deep-link changes at the DSP",
                c -> c.swaps() + " / " + c.dspChanges());
        row(b, cols, "late-click reserve at the end (per ad)", PolicySummary::reserves);
        row(b, cols, "links whose count differs from the truth", c -> Integer.toString(c.mismatches()));
        if (!drained) {
            b.append("\n(the controller had not counted every click when the report was taken)\n");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, List<PolicySummary> cols, String name,
                            java.util.function.Function<PolicySummary, String> f) {
        b.append("| ").append(name).append(" |");
        cols.forEach(c -> b.append(' ').append(f.apply(c)).append(" |"));
        b.append('\n');
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mean(double[] v) {
        return v.length == 0 ? 0 : java.util.Arrays.stream(v).sum() / v.length;
    }
}
