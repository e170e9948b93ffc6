package io.adplatform.loadgen.bidder;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * Options of {@link BidLoadGenerator}. Bounded on purpose: at most {@value #MAX_DURATION_S} s, at most
 * {@value #MAX_CONNECTIONS} connections, loopback targets only.
 *
 * @param url         the bid endpoint, e.g. {@code http://127.0.0.1:8085/openrtb2/bid} (loopback only)
 * @param requests    the request mix: one JSON body per line ({@link BidRequestMix})
 * @param rate        target requests per second (open loop); 0 = as fast as the connections go (closed loop)
 * @param connections keep-alive connections, spread over the event-loop threads
 * @param threads     event-loop threads of the generator; one is enough up to ~70k requests/s and leaves the CPU to
 *                    the server
 * @param durationS   measured duration
 * @param warmupS     unmeasured warm-up before it (JIT, pools), on its own schedule
 * @param timeoutMs   an answer later than this counts as an error and its connection is replaced
 * @param out         where to write the report and the latency distribution; null = stdout only
 * @param label       names the run in the report
 */
record BidLoadOptions(URI url, Path requests, int rate, int connections, int threads, int durationS, int warmupS,
                      int timeoutMs, Path out, String label) {

    static final int MAX_DURATION_S = 900;
    static final int MAX_CONNECTIONS = 1024;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    static BidLoadOptions parse(String[] args) {
        URI url = URI.create("http://127.0.0.1:8085/openrtb2/bid");
        Path requests = Path.of("requests.ndjson");
        int rate = 0;
        int connections = 64;
        int threads = 1;
        int duration = 60;
        int warmup = 20;
        int timeout = 2_000;
        Path out = null;
        String label = "bid";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--url" -> url = URI.create(v);
                case "--requests" -> requests = Path.of(v);
                case "--rate" -> rate = Integer.parseInt(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--duration" -> duration = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--timeout-ms" -> timeout = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--label" -> label = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!LOOPBACK.contains(url.getHost())) {
            throw new IllegalArgumentException("only loopback targets are allowed, not " + url.getHost());
        }
        if (duration < 1 || warmup < 0 || duration + warmup > MAX_DURATION_S) {
            throw new IllegalArgumentException("duration 1.., warmup 0.., together at most " + MAX_DURATION_S + " s");
        }
        if (threads < 1 || threads > 8 || connections < threads || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("threads 1..8, connections threads.." + MAX_CONNECTIONS);
        }
        if (rate < 0 || timeout < 10) {
            throw new IllegalArgumentException("rate >= 0 (0 = closed loop), timeout-ms >= 10");
        }
        return new BidLoadOptions(url, requests, rate, connections, threads, duration, warmup, timeout, out, label);
    }

    boolean closedLoop() {
        return rate == 0;
    }
}
