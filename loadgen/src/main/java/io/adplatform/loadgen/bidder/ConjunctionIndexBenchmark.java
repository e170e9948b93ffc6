package io.adplatform.loadgen.bidder;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.adplatform.bidder.targeting.ConjunctionIndex;
import io.adplatform.common.dsp.CampaignConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * JMH: recall with {@link ConjunctionIndex} — the 10,000 generated campaigns' targeting as conjunctions
 * ({@link TargetingAttributes}), matched by the request mix's attribute values (segments as the bidder would read them
 * from Redis, a fixed hour of the week). {@code match} measures the index alone; {@code attributesAndMatch} also turns
 * the parsed request into attribute values, as the bid path must. Run with {@code -prof gc} for allocation per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ConjunctionIndexBenchmark {

    /** Tuesday 14:00 UTC: inside most day-parting windows. */
    static final int HOUR_OF_WEEK = 24 + 14;

    @Param("10000")
    public int campaigns;

    @Param("20000")
    public int requests;

    private ConjunctionIndex<String> index;
    private List<Map<String, Set<String>>> attributes;
    private BidRequest[] parsed;
    private List<String>[] segments;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        ConjunctionIndex.Builder<String> builder = ConjunctionIndex.builder();
        for (CampaignConfig c : new CampaignGenerator(7, Clock.systemUTC()).generate(campaigns)) {
            builder.add(c.id(), TargetingAttributes.conjunctions(c));
        }
        index = builder.build();
        BidRequestMix mix = new BidRequestMix(11, 200_000);
        Map<String, List<String>> segmentsByUser = mix.segmentsByUserKey();
        BidRequestReader reader = new BidRequestReader(256 * 1024);
        attributes = new ArrayList<>(requests);
        parsed = new BidRequest[requests];
        segments = new List[requests];
        long matched = 0;
        int i = 0;
        for (byte[] body : mix.requests(requests)) {
            BidRequest r = reader.read(body, null, "2.6");
            String user = BidRequestMix.userKeyOf(r);
            parsed[i] = r;
            segments[i] = user == null ? List.of() : segmentsByUser.getOrDefault(user, List.of());
            attributes.add(TargetingAttributes.of(r, segments[i], HOUR_OF_WEEK));
            matched += index.match(attributes.get(i)).size();
            i++;
        }
        System.out.printf("%n%d conjunctions of %d campaigns; a request matches %.1f campaigns on average%n",
                index.size(), campaigns, matched / (double) requests);
    }

    @Benchmark
    public List<String> match() {
        Map<String, Set<String>> request = attributes.get(next);
        if (++next == requests) {
            next = 0;
        }
        return index.match(request);
    }

    @Benchmark
    public List<String> attributesAndMatch() {
        int i = next;
        if (++next == requests) {
            next = 0;
        }
        return index.match(TargetingAttributes.of(parsed[i], segments[i], HOUR_OF_WEEK));
    }
}
