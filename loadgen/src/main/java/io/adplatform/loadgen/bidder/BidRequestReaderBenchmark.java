package io.adplatform.loadgen.bidder;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestParser;
import io.adplatform.bidder.openrtb.BidRequestReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * JMH: {@link BidRequestReader#read} over the benchmark's request mix ({@link BidRequestMix}, 20,000 distinct bodies
 * read in turn, so neither the branch predictor nor the caches see one request over and over) — the first thing the
 * bid path does with every request. Run with {@code -prof gc} for the bytes allocated per request
 * ({@code bench/bidder-jmh.sh}). {@link #parse} and {@link #parseDatabind} compare the JSON reading alone: the
 * streaming {@link BidRequestParser} the reader uses against the databind {@code ObjectReader} it replaced.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class BidRequestReaderBenchmark {

    @Param("20000")
    public int requests;

    private byte[][] bodies;
    private int next;
    private final BidRequestReader reader = new BidRequestReader(256 * 1024);
    /** The databind reader {@link BidRequestReader} used before {@link BidRequestParser}, configured the same. */
    private final ObjectReader databind = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build().readerFor(BidRequest.class);

    @Setup
    public void setUp() {
        List<byte[]> mix = new BidRequestMix(11, 200_000).requests(requests);
        bodies = mix.toArray(byte[][]::new);
        long bytes = mix.stream().mapToLong(b -> b.length).sum();
        System.out.println("\nrequest mix: " + bodies.length + " bodies, " + bytes / bodies.length + " bytes on average");
    }

    @Benchmark
    public BidRequest read() {
        return reader.read(nextBody(), null, "2.6");
    }

    /** JSON to records with the streaming parser, no checks. */
    @Benchmark
    public BidRequest parse() {
        return BidRequestParser.parse(nextBody());
    }

    /** JSON to records with databind, as before the streaming parser, no checks. */
    @Benchmark
    public BidRequest parseDatabind() {
        return databind.readValue(nextBody());
    }

    private byte[] nextBody() {
        byte[] body = bodies[next];
        if (++next == bodies.length) {
            next = 0;
        }
        return body;
    }
}
