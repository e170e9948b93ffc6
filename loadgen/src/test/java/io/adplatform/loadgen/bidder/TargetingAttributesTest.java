package io.adplatform.loadgen.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.adplatform.bidder.targeting.Conjunction;
import io.adplatform.bidder.targeting.ConjunctionIndex;
import io.adplatform.common.dsp.CampaignConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetingAttributesTest {

    @Test
    void theIndexOverTheGeneratedCampaignsAgreesWithEvaluatingEachAndRecallsSomeForMostRequests() {
        List<CampaignConfig> campaigns = new CampaignGenerator(7,
                Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC)).generate(10_000);
        ConjunctionIndex.Builder<String> builder = ConjunctionIndex.builder();
        List<List<Conjunction>> dnf = new ArrayList<>();
        for (CampaignConfig c : campaigns) {
            dnf.add(TargetingAttributes.conjunctions(c));
            builder.add(c.id(), dnf.get(dnf.size() - 1));
        }
        ConjunctionIndex<String> index = builder.build();
        BidRequestMix mix = new BidRequestMix(11, 20_000);
        Map<String, List<String>> segments = mix.segmentsByUserKey();
        BidRequestReader reader = new BidRequestReader(256 * 1024);
        int withCandidates = 0;
        long total = 0;
        List<byte[]> bodies = mix.requests(300);
        for (byte[] body : bodies) {
            BidRequest r = reader.read(body, null, "2.6");
            String user = BidRequestMix.userKeyOf(r);
            List<String> userSegments = user == null ? List.of() : segments.getOrDefault(user, List.of());
            Map<String, Set<String>> attributes = TargetingAttributes.of(r, userSegments,
                    ConjunctionIndexBenchmark.HOUR_OF_WEEK);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < campaigns.size(); i++) {
                if (dnf.get(i).stream().anyMatch(c -> c.matches(attributes))) {
                    expected.add(campaigns.get(i).id());
                }
            }

            List<String> matched = index.match(attributes);

            assertThat(matched).containsExactlyInAnyOrderElementsOf(expected);
            withCandidates += matched.isEmpty() ? 0 : 1;
            total += matched.size();
        }
        assertThat(withCandidates / (double) bodies.size()).isGreaterThan(0.8);
        assertThat(total / (double) bodies.size()).isBetween(5.0, 2_000.0);
    }
}
