package io.adplatform.loadgen.bidder;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Budget;
import io.adplatform.common.dsp.CampaignConfig.CapScope;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import io.adplatform.common.dsp.CampaignConfig.Format;
import io.adplatform.common.dsp.CampaignConfig.FrequencyCap;
import io.adplatform.common.dsp.CampaignConfig.Pacing;
import io.adplatform.common.dsp.CampaignConfig.Pricing;
import io.adplatform.common.dsp.CampaignConfig.Status;
import io.adplatform.common.dsp.CampaignConfig.Targeting;
import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The bidder benchmark's campaigns: a fixed-seed set of active campaigns with the spread of a real DSP's book — CPM
 * and CPC, FAST and SMOOTH pacing with budgets no bench can spend, country targeting over {@link Geography}'s
 * countries, OS and device types, bundle/domain allow and block lists, IAB categories, audience segments, day-parting,
 * frequency caps, and 1–4 banner, video or native creatives. Written as the JSON array the bidder's internal
 * {@code POST /internal/v1/bidder/campaigns} takes.
 *
 * <pre>java -cp ... io.adplatform.loadgen.bidder.CampaignGenerator --count 10000 --seed 7 --out campaigns.json</pre>
 */
public final class CampaignGenerator {

    /** 1,000,000 USD a day per campaign: 10,000 campaigns × 1,000,000 USD is more than any bench can win. */
    static final long DAILY_BUDGET_MICROS = 1_000_000L * 1_000_000L;
    private static final List<String> TIMEZONES = List.of("UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo");

    private final long seed;
    private final Clock clock;

    CampaignGenerator(long seed, Clock clock) {
        this.seed = seed;
        this.clock = clock;
    }

    public static void main(String[] args) throws IOException {
        int count = 10_000;
        long seed = 7;
        Path out = Path.of("campaigns.json");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<CampaignConfig> campaigns = new CampaignGenerator(seed, Clock.systemUTC()).generate(count);
        Files.write(out, EventJson.mapper().writeValueAsBytes(campaigns));
        System.out.println("wrote " + campaigns.size() + " campaigns to " + out);
    }

    /** {@code count} campaigns; the same seed and clock give the same campaigns. */
    List<CampaignConfig> generate(int count) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant now = clock.instant().truncatedTo(ChronoUnit.DAYS);
        List<CampaignConfig> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(campaign(i, random.split(), now));
        }
        return out;
    }

    private CampaignConfig campaign(int n, SplittableRandom r, Instant today) {
        String id = "cmp-" + n;
        int advertiser = r.nextInt(800);
        boolean cpc = r.nextInt(100) < 30;
        long price = cpc ? 100_000L + r.nextLong(1_900_000L) : 500_000L + r.nextLong(7_500_000L);
        Pacing pacing = r.nextInt(100) < 60 ? Pacing.FAST : Pacing.SMOOTH;
        Budget budget = new Budget(DAILY_BUDGET_MICROS, r.nextBoolean() ? 0 : DAILY_BUDGET_MICROS * 365, pacing);
        Instant start = r.nextInt(100) < 70 ? today.minus(Duration.ofDays(1 + r.nextInt(60))) : null;
        Instant end = r.nextInt(100) < 50 ? today.plus(Duration.ofDays(30 + r.nextInt(300))) : null;
        List<Creative> creatives = creatives(id, advertiser, r);
        return new CampaignConfig(id, "adv-" + advertiser, "Campaign " + n, Status.ACTIVE, 1, cpc ? Pricing.CPC
                : Pricing.CPM, price, "USD", budget, start, end, targeting(r, creatives), frequencyCaps(r),
                0.002 + r.nextDouble() * 0.028, creatives);
    }

    private static Targeting targeting(SplittableRandom r, List<Creative> creatives) {
        Set<String> countries = null;
        Set<String> regions = null;
        if (r.nextInt(100) < 90) {
            countries = new TreeSet<>();
            int n = 1 + r.nextInt(3);
            while (countries.size() < n) {
                countries.add(Geography.weighted(r).alpha3());
            }
            if (r.nextInt(100) < 5) {
                String targeted = countries.iterator().next();
                Geography.Country c = Geography.COUNTRIES.stream().filter(x -> x.alpha3().equals(targeted))
                        .findFirst().orElseThrow();
                regions = Set.of(c.alpha3() + "-" + c.regions().get(r.nextInt(Geography.BLOCKS_PER_COUNTRY)).code());
            }
        }
        boolean video = creatives.stream().anyMatch(c -> c.format() == Format.VIDEO);
        Set<String> inventory = null;
        int inv = r.nextInt(100);
        if (inv < 20) {
            inventory = Set.of("app");
        } else if (inv < 30 && !video) {
            inventory = Set.of("site");
        }
        boolean siteOnly = inventory != null && inventory.contains("site");
        Set<String> os = null;
        int o = r.nextInt(100);
        if (!siteOnly && o < 25) {
            os = Set.of("ios");
        } else if (!siteOnly && o < 50) {
            os = Set.of("android");
        }
        Set<Integer> deviceTypes = null;
        int d = r.nextInt(100);
        if (d < 15) {
            deviceTypes = Set.of(4);
        } else if (d < 25) {
            deviceTypes = Set.of(4, 5);
        } else if (d < 30 && !"app".equals(first(inventory))) {
            deviceTypes = Set.of(2);
        }
        Set<String> bundles = r.nextInt(100) < 5 ? pick(r, 20 + r.nextInt(31), Inventory.APPS, Inventory::bundle) : null;
        Set<String> blockedBundles = r.nextInt(100) < 10 ? pick(r, 5 + r.nextInt(20), Inventory.APPS, Inventory::bundle)
                : null;
        Set<String> domains = r.nextInt(100) < 5 ? pick(r, 10 + r.nextInt(31), Inventory.SITES, Inventory::domain) : null;
        Set<String> blockedDomains = r.nextInt(100) < 10 ? pick(r, 5 + r.nextInt(20), Inventory.SITES,
                Inventory::domain) : null;
        if (bundles != null && domains == null && inventory == null) {
            inventory = Set.of("app"); // an app allow list without a site one means app inventory only
        }
        Set<String> categories = r.nextInt(100) < 20
                ? pick(r, 1 + r.nextInt(3), Inventory.CATEGORIES.size(), Inventory.CATEGORIES::get) : null;
        Set<String> blockedCategories = r.nextInt(100) < 15 ? new TreeSet<>(Inventory.SENSITIVE.subList(0,
                1 + r.nextInt(Inventory.SENSITIVE.size()))) : null;
        Set<String> segments = r.nextInt(100) < 15
                ? pick(r, 1 + r.nextInt(2), Inventory.SEGMENTS, Inventory::segment) : null;
        Set<String> excludedSegments = r.nextInt(100) < 5 ? pick(r, 1, Inventory.SEGMENTS, Inventory::segment) : null;
        Set<Integer> hours = null;
        String timezone = null;
        if (r.nextInt(100) < 15) {
            hours = dayParting(r);
            timezone = TIMEZONES.get(r.nextInt(TIMEZONES.size()));
        }
        return new Targeting(countries, regions, null, deviceTypes, os, bundles, blockedBundles, domains,
                blockedDomains, categories, blockedCategories, segments, excludedSegments, hours, timezone, inventory);
    }

    private static String first(Set<String> set) {
        return set == null || set.isEmpty() ? null : set.iterator().next();
    }

    /** Business hours on weekdays, evenings every day, or everything but the night. */
    private static Set<Integer> dayParting(SplittableRandom r) {
        Set<Integer> hours = new TreeSet<>();
        int kind = r.nextInt(3);
        for (int day = 0; day < 7; day++) {
            for (int h = 0; h < 24; h++) {
                boolean on = switch (kind) {
                    case 0 -> day < 5 && h >= 8 && h < 20;
                    case 1 -> h >= 17;
                    default -> h >= 6;
                };
                if (on) {
                    hours.add(day * 24 + h);
                }
            }
        }
        return hours;
    }

    private static List<FrequencyCap> frequencyCaps(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 50) {
            return List.of();
        }
        List<FrequencyCap> caps = new ArrayList<>(2);
        caps.add(new FrequencyCap(CapScope.CAMPAIGN, 3 + r.nextInt(8), 86_400));
        if (k >= 80) {
            caps.add(new FrequencyCap(CapScope.CREATIVE, 1 + r.nextInt(3), 3_600));
        }
        return caps;
    }

    /** 60 % banner campaigns, 20 % video, 15 % native, 5 % banner and native. */
    private static List<Creative> creatives(String campaign, int advertiser, SplittableRandom r) {
        int kind = r.nextInt(100);
        int n = 1 + r.nextInt(4);
        List<Creative> out = new ArrayList<>(n);
        List<String> adomain = List.of("brand" + advertiser + ".example");
        List<String> cats = List.of(Inventory.CATEGORIES.get(advertiser % Inventory.CATEGORIES.size()));
        String landing = "https://brand" + advertiser + ".example/landing?c=" + campaign;
        for (int i = 0; i < n; i++) {
            String id = campaign + "-cr" + i;
            Format format = kind < 60 ? Format.BANNER : kind < 80 ? Format.VIDEO : kind < 95 ? Format.NATIVE
                    : i % 2 == 0 ? Format.BANNER : Format.NATIVE;
            String deeplink = r.nextInt(100) < 30 ? "brand" + advertiser + "://open?c=" + campaign : null;
            out.add(switch (format) {
                case BANNER -> {
                    String[] size = Inventory.BANNER_SIZES.get(r.nextInt(Inventory.BANNER_SIZES.size())).split("x");
                    int w = Integer.parseInt(size[0]);
                    int h = Integer.parseInt(size[1]);
                    yield new Creative(id, format, w, h, "<a href=\"%%CLICK_URL%%\"><img src=\"https://cdn.example/"
                            + id + ".png\" width=\"" + w + "\" height=\"" + h + "\"></a>", 0, List.of("image/png"),
                            null, null, null, null, landing, deeplink, adomain, cats, List.of());
                }
                case VIDEO -> {
                    int duration = List.of(6, 15, 30).get(r.nextInt(3));
                    yield new Creative(id, format, 1280, 720, vast(id, duration), duration, List.of("video/mp4"),
                            null, null, null, null, landing, deeplink, adomain, cats, List.of());
                }
                case NATIVE -> new Creative(id, format, 1200, 627, null, 0, List.of("image/jpeg"),
                        "Try brand " + advertiser, "The best offer of campaign " + campaign + ", today only.",
                        "https://cdn.example/" + id + "-main.jpg", "https://cdn.example/" + id + "-icon.png", landing,
                        deeplink, adomain, cats, List.of());
            });
        }
        return out;
    }

    private static String vast(String id, int duration) {
        return "<VAST version=\"4.0\"><Ad id=\"" + id + "\"><InLine><AdSystem>adplatform</AdSystem><AdTitle>" + id
                + "</AdTitle><Impression><![CDATA[%%IMP_URL%%]]></Impression><Creatives><Creative><Linear>"
                + "<Duration>00:00:" + (duration < 10 ? "0" : "") + duration + "</Duration><MediaFiles>"
                + "<MediaFile delivery=\"progressive\" type=\"video/mp4\" width=\"1280\" height=\"720\"><![CDATA["
                + "https://cdn.example/" + id + ".mp4]]></MediaFile></MediaFiles></Linear></Creative></Creatives>"
                + "</InLine></Ad></VAST>";
    }

    private static Set<String> pick(SplittableRandom r, int n, int of, IntFunction<String> name) {
        Set<String> out = new LinkedHashSet<>();
        n = Math.min(n, of);
        while (out.size() < n) {
            out.add(name.apply(Inventory.popular(r, of)));
        }
        return new TreeSet<>(out);
    }
}
