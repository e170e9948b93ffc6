package io.adplatform.loadgen.newdevice;

import io.adplatform.common.activation.ActivationCheckRequest;
import io.adplatform.common.event.DeviceIds;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives {@code POST /internal/v1/activation-pool/check} of a running service with a few concurrent clients, each
 * sending one batch after another, for a bounded time after a warm-up. A share of each batch repeats devices sent
 * before (answered "known"), the rest are fresh (answered "new").
 */
final class CheckThroughputBenchmark {

    record Result(int clients, int batchSize, double seconds, long checks, long batches, long newDevices,
            long errors, long p50Micros, long p99Micros, long maxMicros) {

        double devicesPerSecond() {
            return checks / seconds;
        }
    }

    private final URI endpoint;
    private final String token;
    private final String appId;
    private final DeviceMix mix;
    private final int clients;
    private final int batchSize;
    private final double knownShare;
    private final AtomicLong nextFresh = new AtomicLong();

    CheckThroughputBenchmark(URI baseUrl, String token, String appId, DeviceMix mix, int clients, int batchSize,
            double knownShare) {
        String host = baseUrl.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("the benchmark only targets a local service, not " + host);
        }
        this.endpoint = baseUrl.resolve(ActivationCheckRequest.PATH);
        this.token = token;
        this.appId = appId;
        this.mix = mix;
        this.clients = clients;
        this.batchSize = batchSize;
        this.knownShare = knownShare;
    }

    Result run(Duration warmUp, Duration measured) throws Exception {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        Tally tally = new Tally(measureFrom, measureFrom + measured.toNanos());
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(c * 7919L + 1);
                done.add(executor.submit(() -> {
                    try (LoopbackHttpClient http = new LoopbackHttpClient(endpoint, token)) {
                        while (System.nanoTime() < tally.end) {
                            round(http, random, tally);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }
        Histogram latency = tally.latency.getIntervalHistogram();
        return new Result(clients, batchSize, measured.toNanos() / 1e9, tally.checks.get(), tally.batches.get(),
                tally.newDevices.get(), tally.errors.get(), latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), latency.getMaxValue());
    }

    /** One batch: send, time, check that every check got an answer, count it if it fell in the measured window. */
    private void round(LoopbackHttpClient http, SplittableRandom random, Tally tally) throws IOException {
        byte[] body = batch(random).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        LoopbackHttpClient.Response response = http.post(body);
        long micros = (System.nanoTime() - start) / 1_000;
        boolean counted = start >= tally.measureFrom && System.nanoTime() <= tally.end;
        if (response.status() != 200) {
            if (counted) {
                tally.errors.incrementAndGet();
            }
            return;
        }
        // Counting answers instead of binding them keeps the generator's CPU for the service; the tests check the
        // answers' content, the benchmark only that every check got one.
        String answer = response.body();
        int results = occurrences(answer, "\"newDevice\":");
        if (results != batchSize) {
            throw new IllegalStateException("asked " + batchSize + ", answered " + results);
        }
        if (counted) {
            tally.latency.recordValue(micros);
            tally.checks.addAndGet(results);
            tally.batches.incrementAndGet();
            tally.newDevices.addAndGet(occurrences(answer, "\"newDevice\":true"));
        }
    }

    /** Written by hand: the generator must cost far less CPU than the service it measures on the same 2 cores. */
    private String batch(SplittableRandom random) {
        StringBuilder json = new StringBuilder(batchSize * 260).append("{\"checks\":[");
        for (int n = 0; n < batchSize; n++) {
            long sent = nextFresh.get();
            long device = sent > 0 && random.nextDouble() < knownShare ? random.nextLong(sent)
                    : nextFresh.getAndIncrement();
            DeviceIds ids = mix.device(device);
            if (n > 0) {
                json.append(',');
            }
            json.append("{\"appId\":\"").append(appId).append("\",\"platform\":\"").append(mix.platform(device))
                    .append("\",\"eventId\":\"").append(eventId(random)).append("\",\"device\":{");
            int fields = 0;
            fields = field(json, "appsflyerId", ids.appsflyerId(), fields);
            fields = field(json, "idfa", ids.idfa(), fields);
            fields = field(json, "idfv", ids.idfv(), fields);
            fields = field(json, "gaid", ids.gaid(), fields);
            field(json, "androidId", ids.androidId(), fields);
            json.append("}}");
        }
        return json.append("]}").toString();
    }

    /**
     * A version-7 shaped id from the client's own random source: EventIds.newId's SecureRandom is a shared lock and
     * would make the generator, not the service, the bottleneck.
     */
    private static String eventId(SplittableRandom random) {
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static int occurrences(String text, String token) {
        int count = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
            count++;
        }
        return count;
    }

    private static int field(StringBuilder json, String name, String value, int written) {
        if (value == null) {
            return written;
        }
        if (written > 0) {
            json.append(',');
        }
        json.append('"').append(name).append("\":\"").append(value).append('"');
        return written + 1;
    }

    /** What the clients count together; only batches sent and answered inside the measured window count. */
    private static final class Tally {
        final long measureFrom;
        final long end;
        final Recorder latency = new Recorder(3);
        final AtomicLong checks = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        final AtomicLong newDevices = new AtomicLong();
        final AtomicLong errors = new AtomicLong();

        Tally(long measureFrom, long end) {
            this.measureFrom = measureFrom;
            this.end = end;
        }
    }
}
