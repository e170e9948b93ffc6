package io.adplatform.loadgen.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.adplatform.common.kafka.EventJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BidRequestMixTest {

    private static final BidRequestMix MIX = new BidRequestMix(11, 20_000);
    private static List<byte[]> bodies;
    private static List<BidRequest> requests;

    @BeforeAll
    static void generate() {
        bodies = MIX.requests(5_000);
        BidRequestReader reader = new BidRequestReader(256 * 1024);
        requests = new ArrayList<>();
        for (byte[] body : bodies) {
            requests.add(reader.read(body, null, "2.6")); // throws, naming the field, on any invalid request
        }
    }

    @Test
    void theSameSeedGivesTheSameBodiesAndEveryBodyIsDistinct() {
        List<byte[]> again = new BidRequestMix(11, 20_000).requests(5_000);
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(again.get(i)).isEqualTo(bodies.get(i));
        }
        assertThat(new BidRequestMix(12, 20_000).requests(1).get(0)).isNotEqualTo(bodies.get(0));
        assertThat(requests.stream().map(BidRequest::id).distinct().count()).isEqualTo(bodies.size());
        assertThat(bodies.stream().map(Arrays::hashCode).distinct().count()).isEqualTo(bodies.size());
    }

    @Test
    void theMixHasTheSharesOfAnExchangesTraffic() {
        assertThat(share(r -> r.imp().size() == 1 && r.imp().get(0).banner() != null)).isBetween(0.57, 0.63);
        assertThat(share(r -> r.imp().size() == 1 && r.imp().get(0).video() != null)).isBetween(0.13, 0.17);
        assertThat(share(r -> r.imp().size() == 1 && r.imp().get(0).nativeAd() != null)).isBetween(0.13, 0.17);
        assertThat(share(r -> r.imp().size() > 1)).isBetween(0.08, 0.12);
        assertThat(share(r -> r.app() != null)).isBetween(0.62, 0.68);
        assertThat(share(r -> r.site() != null)).isBetween(0.32, 0.38);
        assertThat(share(BidRequest::firstPrice)).isBetween(0.82, 0.88);
        assertThat(requests).allMatch(r -> r.tmax() >= 100 && r.tmax() <= 300);
        assertThat(share(r -> r.imp().stream().allMatch(i -> i.bidfloor() != null))).isBetween(0.8, 0.95);
        double bots = share(r -> Arrays.stream(BidRequestMix.BOT_AGENTS).anyMatch(r.device().ua()::equals));
        assertThat(bots).isBetween(0.005, 0.03);
    }

    @Test
    void deviceIpsLieInTheGeoCsvsBlocksOfTheStatedCountry() {
        Set<String> blocks = new HashSet<>(Arrays.asList(Geography.csv().split("\n")));
        for (BidRequest r : requests) {
            String ip = r.device().ip();
            Geography.Country country = Geography.countryOf(ip);
            Geography.Region region = Geography.regionOf(ip);
            assertThat(country).as(ip).isNotNull();
            String[] octets = ip.split("\\.");
            assertThat(blocks).contains(octets[0] + "." + octets[1] + ".0.0/16," + country.alpha2() + ","
                    + region.code() + "," + region.city());
            if (r.device().geo() != null) {
                assertThat(r.device().geo().country()).isEqualTo(country.alpha3());
            }
        }
        assertThat(requests.stream().map(r -> Geography.countryOf(r.device().ip())).distinct().count()).isEqualTo(30);
    }

    @Test
    void everyUserIsKeyedOneWayAndTheSegmentListsUseThoseKeys() {
        Map<String, List<String>> members = MIX.segmentMembers();
        Set<String> inSegments = new HashSet<>();
        members.values().forEach(inSegments::addAll);
        Map<String, String> kindOfKey = new HashMap<>();
        int withSegments = 0;
        int keyed = 0;
        for (BidRequest r : requests) {
            String key = userKey(r);
            if (key == null) {
                continue;
            }
            keyed++;
            String kind = r.user() != null && r.user().id() != null ? "id"
                    : r.user() != null && r.user().buyeruid() != null ? "buyeruid" : "ifa";
            assertThat(kindOfKey.putIfAbsent(key, kind)).as(key).isIn(null, kind);
            if (inSegments.contains(key)) {
                withSegments++;
            }
        }
        assertThat(keyed / (double) requests.size()).isBetween(0.93, 0.99); // app traffic with LMT has no user
        assertThat(withSegments / (double) keyed).isBetween(0.3, 0.5);
        assertThat(members).hasSize(Inventory.SEGMENTS);
        assertThat(members.get("s0").size()).isGreaterThan(members.get("s49").size());
    }

    @Test
    void audienceBodiesCarryEverySegmentMembershipInChunks() {
        Map<String, List<String>> members = MIX.segmentMembers();
        Map<String, Integer> counted = new HashMap<>();
        for (String line : MIX.audienceBodies(members)) {
            JsonNode body = EventJson.mapper().readTree(line);
            assertThat(body.get("users").size()).isBetween(1, 10_000);
            counted.merge(body.get("segment").asString(), body.get("users").size(), Integer::sum);
        }
        members.forEach((segment, keys) -> assertThat(counted.get(segment)).isEqualTo(keys.size()));
    }

    /** The bidder's rule: user.id, else user.buyeruid, else device.ifa. */
    private static String userKey(BidRequest r) {
        if (r.user() != null && r.user().id() != null) {
            return r.user().id();
        }
        if (r.user() != null && r.user().buyeruid() != null) {
            return r.user().buyeruid();
        }
        return r.device() == null ? null : r.device().ifa();
    }

    private static double share(Predicate<BidRequest> p) {
        return requests.stream().filter(p).count() / (double) requests.size();
    }
}
