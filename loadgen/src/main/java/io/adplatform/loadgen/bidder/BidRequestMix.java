package io.adplatform.loadgen.bidder;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bidder benchmark's traffic: distinct OpenRTB 2.6 bid requests from a fixed seed, shaped like an exchange's —
 * 60 % banner, 15 % video, 15 % native, 10 % several impressions; 65 % app, 35 % site; devices, OS and IPs from
 * {@link Geography}'s countries (the IP database's CSV comes from the same table); users from a fixed pool, a share of
 * them in audience segments (their lists are written for the bidder's audience endpoint); floors; first price mostly,
 * some second; {@code tmax} 100–300 ms; a small share from bots that traffic filtering should drop.
 *
 * <p>Users are keyed the way the bidder keys them: app users by {@code device.ifa}, web users by {@code user.id} or
 * {@code user.buyeruid} — always the same identifier for the same user, so segments and frequency caps meet.
 *
 * <pre>java -cp ... io.adplatform.loadgen.bidder.BidRequestMix --count 20000 --users 200000 --seed 11 --out-dir dir
 *   → dir/requests.ndjson (one request per line), dir/geo.csv, dir/segments.ndjson</pre>
 */
public final class BidRequestMix {

    static final String[] BOT_AGENTS = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "python-requests/2.31.0",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "curl/8.5.0"};
    private static final String[] ANDROID_MODELS = {"Pixel 8:Google", "SM-S918B:Samsung", "SM-A546B:Samsung",
        "Redmi Note 12:Xiaomi", "CPH2581:OnePlus"};
    private static final int USERS_PER_LINE = 10_000;

    private final JsonMapper json = EventJson.mapper();
    private final long seed;
    private final int users;

    /**
     * @param seed  everything derives from it
     * @param users size of the user pool (65 % app users, 35 % web users)
     */
    BidRequestMix(long seed, int users) {
        this.seed = seed;
        this.users = users;
    }

    public static void main(String[] args) throws IOException {
        int count = 20_000;
        int users = 200_000;
        long seed = 11;
        Path dir = Path.of(".");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--out-dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BidRequestMix mix = new BidRequestMix(seed, users);
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve("requests.ndjson"))) {
            for (byte[] body : mix.requests(count)) {
                out.write(new String(body, StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        Files.writeString(dir.resolve("geo.csv"), Geography.csv());
        Map<String, List<String>> segments = mix.segmentMembers();
        try (Writer out = Files.newBufferedWriter(dir.resolve("segments.ndjson"))) {
            for (String line : mix.audienceBodies(segments)) {
                out.write(line);
                out.write('\n');
            }
        }
        System.out.println("wrote " + count + " requests, " + Geography.COUNTRIES.size() * Geography.BLOCKS_PER_COUNTRY
                + " geo blocks and " + segments.size() + " segments (" + segments.values().stream()
                .mapToInt(List::size).sum() + " memberships) to " + dir);
    }

    /** {@code count} request bodies (compact JSON, one line each); the same seed gives the same bodies. */
    List<byte[]> requests(int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(json.writeValueAsBytes(request(i, random.split())));
        }
        return out;
    }

    /** The bidder's key of user {@code u}: an IFA for app users, a publisher id or a buyer uid for web users. */
    String userKey(int u) {
        if (appUser(u)) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + u);
            long high = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4, like a device's advertising id
            long low = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(high, low).toString();
        }
        return u % 2 == 0 ? "u-" + Long.toHexString(seed) + "-" + u : "bu-" + Long.toHexString(u * 0x94D049BB133111EBL);
    }

    private boolean appUser(int u) {
        return u % 100 < 65;
    }

    /** User {@code u}'s audience segments: 40 % of users are in 1–3, popular segments more often. */
    List<String> segmentsOf(int u) {
        SplittableRandom r = new SplittableRandom(seed * 31 + u);
        if (r.nextInt(100) >= 40) {
            return List.of();
        }
        int n = 1 + r.nextInt(3);
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            String s = Inventory.segment(Inventory.popular(r, Inventory.SEGMENTS));
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Segment → the keys of its users, for the bidder's audience endpoint. */
    Map<String, List<String>> segmentMembers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int s = 0; s < Inventory.SEGMENTS; s++) {
            out.put(Inventory.segment(s), new ArrayList<>());
        }
        for (int u = 0; u < users; u++) {
            for (String s : segmentsOf(u)) {
                out.get(s).add(userKey(u));
            }
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    /** User key → its segments (what the bidder finds in Redis), for benchmarks that skip the lookup. */
    Map<String, List<String>> segmentsByUserKey() {
        Map<String, List<String>> out = new HashMap<>();
        for (int u = 0; u < users; u++) {
            List<String> segments = segmentsOf(u);
            if (!segments.isEmpty()) {
                out.put(userKey(u), segments);
            }
        }
        return out;
    }

    /** The key the bidder would use for a request's user: {@code user.id}, else {@code user.buyeruid}, else IFA. */
    static String userKeyOf(BidRequest r) {
        if (r.user() != null && r.user().id() != null) {
            return r.user().id();
        }
        if (r.user() != null && r.user().buyeruid() != null) {
            return r.user().buyeruid();
        }
        return r.device() == null ? null : r.device().ifa();
    }

    /** The segment lists as {@code {"segment":"s12","users":[...]}} bodies of at most 10,000 users each. */
    List<String> audienceBodies(Map<String, List<String>> members) {
        List<String> out = new ArrayList<>();
        members.forEach((segment, keys) -> {
            for (int from = 0; from < keys.size(); from += USERS_PER_LINE) {
                ObjectNode body = json.createObjectNode();
                body.put("segment", segment);
                ArrayNode list = body.putArray("users");
                keys.subList(from, Math.min(keys.size(), from + USERS_PER_LINE)).forEach(list::add);
                out.add(json.writeValueAsString(body));
            }
        });
        return out;
    }

    /** The user behind a request: popular users come back more often (frequency caps bite). */
    private int drawUser(SplittableRandom r, boolean app) {
        while (true) {
            double x = r.nextDouble();
            int u = (int) (users * x * x);
            if (appUser(u) == app) {
                return u;
            }
        }
    }

    private ObjectNode request(int n, SplittableRandom r) {
        ObjectNode req = json.createObjectNode();
        req.put("id", "req-" + Long.toHexString(seed) + "-" + n);
        int kind = r.nextInt(100);
        boolean app = r.nextInt(100) < 65;
        boolean bot = r.nextInt(1000) < 15;
        ArrayNode imps = req.putArray("imp");
        if (kind < 60) {
            imps.add(banner("1", app, r));
        } else if (kind < 75) {
            imps.add(video("1", app, r));
        } else if (kind < 90) {
            imps.add(nativeImp("1", r));
        } else {
            imps.add(banner("1", app, r));
            imps.add(r.nextBoolean() ? video("2", app, r) : banner("2", app, r));
            if (r.nextInt(3) == 0) {
                imps.add(nativeImp("3", r));
            }
        }
        Geography.Country country = Geography.weighted(r);
        int region = r.nextInt(Geography.BLOCKS_PER_COUNTRY);
        int item;
        boolean ios;
        if (app) {
            item = Inventory.popular(r, Inventory.APPS);
            ios = Inventory.iosApp(item);
            ObjectNode a = req.putObject("app");
            a.put("id", "app-" + item);
            a.put("name", "App " + item);
            a.put("bundle", Inventory.bundle(item));
            a.put("storeurl", ios ? "https://apps.apple.com/app/id" + Inventory.bundle(item)
                    : "https://play.google.com/store/apps/details?id=" + Inventory.bundle(item));
            strings(a.putArray("cat"), Inventory.categoriesOf(item, 0));
            a.put("ver", "1." + (item % 9));
            a.putObject("publisher").put("id", "pub-" + (item % 150));
        } else {
            item = Inventory.popular(r, Inventory.SITES);
            ios = r.nextBoolean();
            ObjectNode s = req.putObject("site");
            String domain = Inventory.domain(item);
            s.put("id", "site-" + item);
            s.put("domain", domain);
            s.put("page", "https://" + domain + "/article/" + r.nextInt(5_000));
            strings(s.putArray("cat"), Inventory.categoriesOf(item, 1));
            s.putObject("publisher").put("id", "pub-" + (1_000 + item % 100)).put("domain", domain);
        }
        int user = drawUser(r, app);
        boolean limited = app && r.nextInt(100) < 5; // LMT/ATT: no IFA, no user
        req.set("device", device(r, app, ios, country, region, bot, limited ? null : userKey(user)));
        if (!limited && !app) {
            ObjectNode u = req.putObject("user");
            u.put(user % 2 == 0 ? "id" : "buyeruid", userKey(user));
            if (r.nextInt(100) < 20) {
                u.put("yob", 1960 + r.nextInt(45));
            }
        } else if (!limited && r.nextInt(100) < 10) {
            req.putObject("user").put("yob", 1960 + r.nextInt(45));
        }
        req.put("at", r.nextInt(100) < 85 ? 1 : 2);
        req.put("tmax", 100 + 10 * r.nextInt(21));
        req.putArray("cur").add("USD");
        if (r.nextInt(100) < 30) {
            strings(req.putArray("bcat"), Inventory.SENSITIVE.subList(0, 1 + r.nextInt(3)));
        }
        if (r.nextInt(100) < 10) {
            req.putArray("badv").add("brand" + r.nextInt(800) + ".example");
        }
        ObjectNode source = req.putObject("source");
        source.put("tid", new UUID(r.nextLong(), r.nextLong()).toString());
        if (r.nextInt(100) < 40) {
            ObjectNode schain = source.putObject("schain");
            schain.put("complete", 1).put("ver", "1.0");
            schain.putArray("nodes").addObject().put("asi", "exchange.example").put("sid", "s-" + item).put("hp", 1);
        }
        ObjectNode regs = req.putObject("regs");
        regs.put("coppa", 0);
        if (country.gdpr()) {
            regs.put("gdpr", 1);
        }
        return req;
    }

    private ObjectNode banner(String id, boolean app, SplittableRandom r) {
        ObjectNode imp = json.createObjectNode();
        imp.put("id", id);
        ObjectNode banner = imp.putObject("banner");
        int shape = r.nextInt(100);
        if (app && shape < 15) {
            imp.put("instl", 1);
            banner.put("w", 320).put("h", 480);
        } else if (shape < 60) {
            String[] size = Inventory.BANNER_SIZES.get(r.nextInt(3)).split("x");
            banner.put("w", Integer.parseInt(size[0])).put("h", Integer.parseInt(size[1]));
        } else {
            ArrayNode formats = banner.putArray("format");
            formats.addObject().put("w", 300).put("h", 250);
            formats.addObject().put("w", r.nextBoolean() ? 320 : 728).put("h", r.nextBoolean() ? 50 : 90);
        }
        banner.put("pos", r.nextInt(4));
        if (r.nextInt(100) < 30) {
            banner.putArray("battr").add(13).add(14);
        }
        floor(imp, r, 0.05, 2.5);
        imp.put("secure", 1);
        imp.put("tagid", "tag-" + r.nextInt(2_000));
        return imp;
    }

    private ObjectNode video(String id, boolean app, SplittableRandom r) {
        ObjectNode imp = json.createObjectNode();
        imp.put("id", id);
        ObjectNode v = imp.putObject("video");
        v.putArray("mimes").add("video/mp4").add("video/webm");
        v.put("minduration", 5).put("maxduration", r.nextBoolean() ? 30 : 60);
        v.putArray("protocols").add(2).add(3).add(5).add(6).add(7);
        boolean fullscreen = app && r.nextBoolean();
        v.put("w", fullscreen ? 320 : 640).put("h", fullscreen ? 480 : 360);
        v.put("startdelay", 0).put("plcmt", fullscreen ? 3 : 1).put("linearity", 1);
        if (r.nextBoolean()) {
            v.put("skip", 1).put("skipafter", 5);
        }
        v.putArray("api").add(2).add(7);
        if (fullscreen) {
            imp.put("instl", 1);
            imp.put("rwdd", r.nextInt(100) < 40 ? 1 : 0);
        }
        floor(imp, r, 1.0, 12.0);
        imp.put("secure", 1);
        return imp;
    }

    private ObjectNode nativeImp(String id, SplittableRandom r) {
        ObjectNode imp = json.createObjectNode();
        imp.put("id", id);
        ObjectNode n = imp.putObject("native");
        n.put("ver", "1.2");
        n.put("request", "{\"ver\":\"1.2\",\"context\":" + (1 + r.nextInt(3)) + ",\"plcmttype\":" + (1 + r.nextInt(4))
                + ",\"assets\":[{\"id\":1,\"required\":1,\"title\":{\"len\":90}},{\"id\":2,\"required\":1,\"img\":"
                + "{\"type\":3,\"wmin\":1200,\"hmin\":627}},{\"id\":3,\"img\":{\"type\":1,\"wmin\":50,\"hmin\":50}},"
                + "{\"id\":4,\"data\":{\"type\":2,\"len\":140}}]}");
        n.putArray("api").add(3).add(5);
        floor(imp, r, 0.2, 3.0);
        imp.put("secure", 1);
        return imp;
    }

    /** A floor in [low, high) USD, cents; one in ten impressions has none. */
    private static void floor(ObjectNode imp, SplittableRandom r, double low, double high) {
        if (r.nextInt(10) == 0) {
            return;
        }
        long cents = Math.round((low + r.nextDouble() * r.nextDouble() * (high - low)) * 100);
        imp.put("bidfloor", BigDecimal.valueOf(cents, 2));
        imp.put("bidfloorcur", "USD");
    }

    private ObjectNode device(SplittableRandom r, boolean app, boolean ios, Geography.Country country, int region,
                              boolean bot, String ifa) {
        ObjectNode d = json.createObjectNode();
        int type;
        String os;
        String ua;
        if (app || r.nextInt(100) < 50) {
            type = r.nextInt(100) < (app ? 85 : 80) ? 4 : 5;
            os = ios ? "iOS" : "Android";
            if (ios) {
                String v = (16 + r.nextInt(3)) + "_" + r.nextInt(6);
                ua = "Mozilla/5.0 (" + (type == 5 ? "iPad; CPU OS " : "iPhone; CPU iPhone OS ") + v
                        + " like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
                d.put("make", "Apple").put("model", type == 5 ? "iPad" : "iPhone").put("osv", v.replace('_', '.'));
            } else {
                String[] model = ANDROID_MODELS[r.nextInt(ANDROID_MODELS.length)].split(":");
                int v = 12 + r.nextInt(3);
                ua = "Mozilla/5.0 (Linux; Android " + v + "; " + model[0] + ") AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Version/4.0 Chrome/126.0.0.0 Mobile Safari/537.36";
                d.put("make", model[1]).put("model", model[0]).put("osv", Integer.toString(v));
            }
            if (app && ifa != null) {
                d.put("ifa", ifa);
                d.put("lmt", 0);
            } else if (app) {
                d.put("lmt", 1);
            }
        } else {
            type = 2;
            boolean mac = r.nextInt(100) < 30;
            os = mac ? "macOS" : "Windows";
            ua = mac ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/126.0.0.0 Safari/537.36"
                    : "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/126.0.0.0 Safari/537.36";
            d.put("js", 1);
        }
        d.put("ua", bot ? BOT_AGENTS[r.nextInt(BOT_AGENTS.length)] : ua);
        d.put("ip", Geography.ip(country, region, r));
        d.put("devicetype", type);
        d.put("os", os);
        d.put("language", "en");
        d.put("connectiontype", type == 2 ? 1 : 2 + r.nextInt(5));
        if (r.nextInt(100) < 70) {
            ObjectNode geo = d.putObject("geo");
            geo.put("country", country.alpha3());
            if (r.nextBoolean()) {
                Geography.Region reg = country.regions().get(region);
                geo.put("region", reg.code()).put("city", reg.city());
            }
            geo.put("type", 2);
        }
        return d;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
