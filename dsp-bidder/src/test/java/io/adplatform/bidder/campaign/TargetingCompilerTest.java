package io.adplatform.bidder.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.bidding.RequestProfile;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.support.TestCampaigns;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Targeting;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Targeting semantics, end to end through compiler, request profile and index: random campaigns (allow and block lists
 * of every attribute, both inventory kinds, day-parting in two zones) against random requests must recall exactly the
 * campaigns a direct reading of the targeting says match.
 */
class TargetingCompilerTest {

    static final Instant NOW = Instant.parse("2026-11-18T14:30:00Z");
    static final List<String> COUNTRIES = List.of("USA", "DEU", "GBR");
    static final List<String> OS = List.of("ios", "android");
    static final List<String> BUNDLES = List.of("com.a", "com.b", "com.c");
    static final List<String> DOMAINS = List.of("a.com", "b.com", "c.com");
    static final List<String> CATS = List.of("IAB1", "IAB2", "IAB3", "IAB4");
    static final List<String> SEGS = List.of("s1", "s2", "s3");
    static final List<String> ZONES = List.of("UTC", "Asia/Tokyo");

    record Req(String country, String os, int deviceType, boolean app, String site, Set<String> cats,
               Set<String> segs, int size) {
    }

    final Random random = new Random(42);

    @Test
    void recallAgreesWithTheTargetingAsWritten() {
        List<CampaignConfig> campaigns = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            campaigns.add(TestCampaigns.cpm("c" + i, 1_000_000, randomTargeting(),
                    random.nextBoolean() ? TestCampaigns.banner("b", 300, 250) : TestCampaigns.banner("b", 320, 50)));
        }
        CampaignCatalog catalog = CampaignCatalog.of(campaigns, 1);
        int matchedSomething = 0;
        for (int r = 0; r < 1500; r++) {
            Req req = randomRequest();
            RequestProfile profile = RequestProfile.of(request(req), new RequestProfile.Geo(req.country(), null, null),
                    req.segs(), catalog.timezones(), NOW);
            int[] ordinals = new int[catalog.recallable()];
            int count = catalog.recall(profile.forImp(Set.of(Attributes.bannerSlot(req.size(),
                    req.size() == 300 ? 250 : 50))), ordinals);
            Set<String> recalled = new HashSet<>();
            for (int o = 0; o < count; o++) {
                recalled.add(catalog.recalled(ordinals[o]).id());
            }
            Set<String> expected = campaigns.stream().filter(c -> matches(c, req)).map(CampaignConfig::id)
                    .collect(Collectors.toSet());
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(recalled);
            Set<String> extra = new HashSet<>(recalled);
            extra.removeAll(expected);
            assertThat(missing).as("request %s: missed %s", req, missing.stream().limit(3)
                    .map(id -> catalog.get(id).config().targeting().toString()).toList()).isEmpty();
            assertThat(extra).as("request %s: recalled wrongly %s", req, extra.stream().limit(3)
                    .map(id -> catalog.get(id).config().targeting().toString()).toList()).isEmpty();
            matchedSomething += expected.isEmpty() ? 0 : 1;
        }
        assertThat(matchedSomething).isGreaterThan(300); // the test exercises matches, not only misses
    }

    /** The targeting read directly. */
    static boolean matches(CampaignConfig c, Req r) {
        Targeting t = c.targeting();
        CampaignConfig.Creative cr = c.creatives().get(0);
        if (cr.w() != r.size()) {
            return false;
        }
        if (!anyOrEmpty(t.countries(), r.country()) || !anyOrEmpty(t.os(), r.os())
                || t.deviceTypes() != null && !t.deviceTypes().isEmpty() && !t.deviceTypes().contains(r.deviceType())) {
            return false;
        }
        boolean noAllow = empty(t.bundles()) && empty(t.domains());
        boolean allowed = noAllow || r.app() && !empty(t.bundles()) && t.bundles().contains(r.site())
                || !r.app() && !empty(t.domains()) && t.domains().contains(r.site());
        if (!allowed) {
            return false;
        }
        if (r.app() && !empty(t.blockedBundles()) && t.blockedBundles().contains(r.site())
                || !r.app() && !empty(t.blockedDomains()) && t.blockedDomains().contains(r.site())) {
            return false;
        }
        if (!empty(t.categories()) && t.categories().stream().noneMatch(r.cats()::contains)
                || !empty(t.blockedCategories()) && t.blockedCategories().stream().anyMatch(r.cats()::contains)) {
            return false;
        }
        if (!empty(t.segments()) && t.segments().stream().noneMatch(r.segs()::contains)
                || !empty(t.excludedSegments()) && t.excludedSegments().stream().anyMatch(r.segs()::contains)) {
            return false;
        }
        if (!empty(t.inventory()) && !t.inventory().contains(r.app() ? "app" : "site")) {
            return false;
        }
        if (!empty(t.hoursOfWeek())) {
            int how = RequestProfile.hourOfWeek(NOW, ZoneId.of(t.timezone() == null ? "UTC" : t.timezone()));
            return t.hoursOfWeek().contains(how);
        }
        return true;
    }

    Targeting randomTargeting() {
        Set<Integer> hours = null;
        String zone = null;
        if (random.nextInt(4) == 0) {
            zone = ZONES.get(random.nextInt(ZONES.size()));
            int now = RequestProfile.hourOfWeek(NOW, ZoneId.of(zone));
            hours = random.nextBoolean() ? Set.of(now, (now + 1) % 168) : Set.of((now + 5) % 168);
        }
        return new Targeting(some(COUNTRIES), null, null, random.nextInt(4) == 0 ? Set.of(4) : null, some(OS),
                some(BUNDLES), some(BUNDLES), some(DOMAINS), some(DOMAINS), some(CATS), some(CATS), some(SEGS),
                some(SEGS), hours, zone, random.nextInt(5) == 0 ? Set.of(random.nextBoolean() ? "app" : "site") : null);
    }

    Req randomRequest() {
        boolean app = random.nextBoolean();
        return new Req(COUNTRIES.get(random.nextInt(3)), OS.get(random.nextInt(2)), random.nextBoolean() ? 4 : 5, app,
                app ? BUNDLES.get(random.nextInt(3)) : DOMAINS.get(random.nextInt(3)), subset(CATS), subset(SEGS),
                random.nextBoolean() ? 300 : 320);
    }

    /** Null (no condition) two times in three; else one or two values. */
    Set<String> some(List<String> vocabulary) {
        if (random.nextInt(3) != 0) {
            return null;
        }
        Set<String> s = new HashSet<>();
        s.add(vocabulary.get(random.nextInt(vocabulary.size())));
        if (random.nextBoolean()) {
            s.add(vocabulary.get(random.nextInt(vocabulary.size())));
        }
        return s;
    }

    Set<String> subset(List<String> vocabulary) {
        return vocabulary.stream().filter(v -> random.nextInt(3) == 0).collect(Collectors.toSet());
    }

    static BidRequest request(Req r) {
        BidRequest.Device device = new BidRequest.Device(null, null, null, "Mozilla/5.0 test", null, null, null,
                r.deviceType(), null, null, r.os(), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        List<String> cats = List.copyOf(r.cats());
        BidRequest.App app = r.app() ? new BidRequest.App(null, null, r.site(), null, null, null, cats, null, null,
                null, null, null, null, null, null, null, null, null) : null;
        BidRequest.Site site = r.app() ? null : new BidRequest.Site(null, null, r.site(), null, cats, null, null, null,
                null, null, null, null, null, null, null, null, null);
        return new BidRequest("r", List.of(), site, app, device, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    static boolean anyOrEmpty(Set<String> allowed, String value) {
        return allowed == null || allowed.isEmpty() || allowed.contains(value);
    }

    static boolean empty(Set<?> s) {
        return s == null || s.isEmpty();
    }
}
