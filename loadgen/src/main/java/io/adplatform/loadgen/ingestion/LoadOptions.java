package io.adplatform.loadgen.ingestion;

import java.net.URI;
import java.util.Set;

/**
 * Options of the ingestion load generator. Bounded on purpose: at most {@value #MAX_DURATION_S} s, at most
 * {@value #MAX_CONCURRENCY} requests in flight, and only loopback targets.
 *
 * @param url          ingestion-service base URL (loopback only)
 * @param appId        the app the events are sent for
 * @param secret       its signing secret; null with {@code register} to register (or rotate) the app first
 * @param serviceToken service token for the internal API (registration)
 * @param register     register {@code appId} through the internal API before the run (rotate if it exists)
 * @param rate         target events per second; 0 = as fast as {@code concurrency} allows (closed loop)
 * @param batch        events per request
 * @param concurrency  most requests in flight at once
 * @param durationS    measured duration
 * @param warmupS      unmeasured warm-up before it (JIT, connection pools, Kafka batching)
 * @param devices      distinct devices the events come from
 */
record LoadOptions(URI url, String appId, String secret, String serviceToken, boolean register, int rate, int batch,
                   int concurrency, int durationS, int warmupS, int devices) {

    static final int MAX_DURATION_S = 600;
    static final int MAX_CONCURRENCY = 512;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    static LoadOptions parse(String[] args) {
        URI url = URI.create("http://127.0.0.1:8081");
        String appId = "com.example.bench";
        String secret = null;
        String token = "local-dev-service-token";
        boolean register = false;
        int rate = 0;
        int batch = 50;
        int concurrency = 16;
        int duration = 30;
        int warmup = 10;
        int devices = 100_000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--register")) {
                register = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--url" -> url = URI.create(v);
                case "--app-id" -> appId = v;
                case "--secret" -> secret = v;
                case "--service-token" -> token = v;
                case "--rate" -> rate = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--concurrency" -> concurrency = Integer.parseInt(v);
                case "--duration" -> duration = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--devices" -> devices = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!LOOPBACK.contains(url.getHost())) {
            throw new IllegalArgumentException("only loopback targets are allowed, not " + url.getHost());
        }
        if (duration < 1 || duration + warmup > MAX_DURATION_S) {
            throw new IllegalArgumentException("duration + warmup must be 1.." + MAX_DURATION_S + " s");
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY);
        }
        if (batch < 1 || batch > 500 || rate < 0 || devices < 1 || warmup < 0) {
            throw new IllegalArgumentException("batch 1..500, rate >= 0, devices >= 1, warmup >= 0");
        }
        if (secret == null && !register) {
            throw new IllegalArgumentException("give --secret, or --register to register the app first");
        }
        return new LoadOptions(url, appId, secret, token, register, rate, batch, concurrency, duration, warmup, devices);
    }

    LoadOptions withSecret(String s) {
        return new LoadOptions(url, appId, s, serviceToken, register, rate, batch, concurrency, durationS, warmupS, devices);
    }
}
