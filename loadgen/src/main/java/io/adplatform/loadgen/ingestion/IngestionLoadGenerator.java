package io.adplatform.loadgen.ingestion;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.ingestion.apps.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * HTTP load generator for {@code POST /v1/events}: signs every request exactly like an SDK ({@link RequestSigner}),
 * sends over plain keep-alive HTTP/1.1 connections ({@link RawHttpConnection}, one thread each) at a target event rate (open loop: latency is measured from when a request was due, so a stalled server
 * cannot hide its queueing) or as fast as the concurrency allows (closed loop), and reports accepted events per second
 * and request latency percentiles (HdrHistogram). Bounded in time and concurrency; loopback targets only.
 *
 * <pre>java -cp ... io.adplatform.loadgen.ingestion.IngestionLoadGenerator --url http://127.0.0.1:8081 --register
 *     --app-id com.example.bench --rate 20000 --batch 50 --concurrency 32 --duration 30 --warmup 10</pre>
 */
public final class IngestionLoadGenerator {

    private final LoadOptions options;
    private final HttpClient http;
    private final EventBodies bodies;
    private final Recorder latencyMicros = new Recorder(3);
    private final LongAdder requests = new LongAdder();
    private final LongAdder acceptedEvents = new LongAdder();
    private final LongAdder duplicateEvents = new LongAdder();
    private final LongAdder sentEvents = new LongAdder();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicLong firstError = new AtomicLong();
    private volatile String errorSample;

    IngestionLoadGenerator(LoadOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.bodies = new EventBodies(options.devices());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        if (options.register()) {
            options = options.withSecret(new IngestionLoadGenerator(options).registerApp());
        }
        Result result = new IngestionLoadGenerator(options).run();
        System.out.println(result.report());
        System.exit(result.failedRequests() == 0 ? 0 : 2);
    }

    /** Registers the app through the internal API, or rotates its secret if it exists; returns the secret. */
    String registerApp() throws Exception {
        String body = "{\"appId\":\"" + options.appId() + "\",\"platform\":\"ANDROID\"}";
        HttpResponse<String> created = http.send(internal("/internal/v1/apps").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> answer = created;
        if (created.statusCode() == 409) {
            answer = http.send(internal("/internal/v1/apps/" + options.appId() + "/rotate-secret")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("registering " + options.appId() + " failed: " + answer.statusCode() + " "
                    + answer.body());
        }
        return EventJson.mapper().readTree(answer.body()).get("secret").asString();
    }

    private HttpRequest.Builder internal(String path) {
        return HttpRequest.newBuilder(options.url().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Service-Token", options.serviceToken());
    }

    record Result(LoadOptions options, long measuredNanos, long requests, long sentEvents, long acceptedEvents,
                  long duplicateEvents, Map<String, Long> statuses, Histogram latencyMicros, String errorSample) {

        long failedRequests() {
            return statuses.entrySet().stream().filter(e -> !e.getKey().equals("202")).mapToLong(Map.Entry::getValue).sum();
        }

        double eventsPerSecond() {
            return acceptedEvents / (measuredNanos / 1e9);
        }

        String report() {
            double seconds = measuredNanos / 1e9;
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "ingestion load: batch=%d concurrency=%d rate=%s measured=%.1fs warmup=%ds%n",
                    options.batch(), options.concurrency(), options.rate() == 0 ? "max" : options.rate() + "/s",
                    seconds, options.warmupS()));
            out.append(String.format(Locale.ROOT, "requests: %d (%.0f/s), statuses %s%n", requests, requests / seconds, statuses));
            out.append(String.format(Locale.ROOT, "events: sent %d, accepted %d, duplicate %d -> %.0f accepted events/s%n",
                    sentEvents, acceptedEvents, duplicateEvents, eventsPerSecond()));
            out.append(String.format(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    ms(50), ms(90), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1000.0));
            if (errorSample != null) {
                out.append("first error: ").append(errorSample).append('\n');
            }
            out.append(String.format(Locale.ROOT,
                    "RESULT events_per_s=%.0f requests_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f failed_requests=%d",
                    eventsPerSecond(), requests / seconds, ms(50), ms(99), ms(99.9), failedRequests()));
            return out.toString();
        }

        private double ms(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /**
     * One thread per connection. Each thread takes the next due time from a shared schedule (open loop), waits for it,
     * sends, and records the latency from the due time: when every connection is busy, requests fall behind schedule
     * and that wait is part of the measured latency (no coordinated omission). With {@code rate 0} each connection sends
     * again as soon as it has its answer (closed loop: latency = service time).
     */
    Result run() throws InterruptedException {
        if (options.warmupS() > 0) {
            phase(TimeUnit.SECONDS.toNanos(options.warmupS()), false); // JIT, pools, Kafka metadata; not recorded
        }
        long measured = TimeUnit.SECONDS.toNanos(options.durationS());
        phase(measured, true); // a fresh schedule: a backlog of the warm-up is not carried into the measurement
        return new Result(options, measured, requests.sum(), sentEvents.sum(), acceptedEvents.sum(),
                duplicateEvents.sum(), snapshot(), latencyMicros.getIntervalHistogram(), errorSample);
    }

    private void phase(long nanos, boolean measured) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + nanos;
        long interval = options.rate() == 0 ? 0 : Math.max(1, TimeUnit.SECONDS.toNanos(options.batch()) / options.rate());
        AtomicLong nextDue = new AtomicLong(start);
        Thread[] threads = new Thread[options.concurrency()];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> connectionLoop(nextDue, interval, end, measured), "loadgen-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.NANOSECONDS.toMillis(nanos) + 60_000);
        }
    }

    private void connectionLoop(AtomicLong nextDue, long interval, long end, boolean measured) {
        String path = options.url().getRawPath().replaceAll("/$", "") + "/v1/events";
        try (RawHttpConnection connection = new RawHttpConnection(options.url().getHost(), options.url().getPort())) {
            while (true) {
                long due = interval > 0 ? nextDue.getAndAdd(interval) : System.nanoTime();
                if (due >= end) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] body = bodies.request(options.batch());
                long timestamp = System.currentTimeMillis() / 1000;
                String headers = "Content-Type: application/json\r\nUser-Agent: adplatform-loadgen/1.0\r\n"
                        + RequestSigner.APP_ID_HEADER + ": " + options.appId() + "\r\n"
                        + RequestSigner.TIMESTAMP_HEADER + ": " + timestamp + "\r\n"
                        + RequestSigner.SIGNATURE_HEADER + ": "
                        + RequestSigner.signatureHeader(options.secret(), timestamp, body) + "\r\n";
                RawHttpConnection.Response response = null;
                Exception error = null;
                try {
                    response = connection.post(path, headers, body);
                } catch (Exception e) {
                    error = e;
                }
                if (measured) {
                    record(due, response, error);
                }
                if (error != null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // do not spin on a dead server
                }
            }
        }
    }

    private void record(long due, RawHttpConnection.Response response, Exception error) {
        latencyMicros.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
        requests.increment();
        sentEvents.add(options.batch());
        String status = error != null ? error.getClass().getSimpleName() : Integer.toString(response.status());
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (response != null && response.status() == 202) {
            acceptedEvents.add(count(response.body(), "\"status\":\"accepted\""));
            duplicateEvents.add(count(response.body(), "\"status\":\"duplicate\""));
        } else if (firstError.compareAndSet(0, 1)) {
            errorSample = error != null ? error.toString() : status + " " + abbreviate(response.body());
        }
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> out = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
