package io.adplatform.bidder.traffic;

import io.adplatform.bidder.openrtb.BidRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The first thing done with a bid request: drop traffic no campaign should pay for (blocked apps, domains and IPs,
 * data centres, missing or bot user agents, request floods) before any other work, cheapest checks first — hash
 * lookups, then the IP (a parse and binary searches), then the user agent (one pass), and last the flood guard, the
 * only check that writes shared memory, so that rejected requests do not count against a device. Thread-safe; counts
 * every verdict for metrics.
 */
public final class TrafficFilter {

    private static final ThreadLocal<long[]> IPV6 = ThreadLocal.withInitial(() -> new long[2]);

    private final IpRanges blockedIps;
    private final IpRanges dataCentres;
    private final Set<String> blockedApps;
    private final DomainSet blockedDomains;
    private final UserAgents userAgents;
    private final FloodGuard floodGuard;
    private final LongAdder[] counts = new LongAdder[Verdict.values().length];

    /**
     * @param blockedApps    {@code app.bundle} values, exact
     * @param blockedDomains {@code site.domain} / {@code app.domain} values, matched with their subdomains
     */
    public TrafficFilter(IpRanges blockedIps, IpRanges dataCentres, Collection<String> blockedApps,
                         Collection<String> blockedDomains, UserAgents userAgents, FloodGuard floodGuard) {
        this.blockedIps = blockedIps;
        this.dataCentres = dataCentres;
        this.blockedApps = Set.copyOf(blockedApps);
        this.blockedDomains = new DomainSet(blockedDomains);
        this.userAgents = userAgents;
        this.floodGuard = floodGuard;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Builds the filter from configuration, reading the data-centre file if one is set. */
    public static TrafficFilter from(TrafficProperties properties) throws IOException {
        IpRanges dataCentres = properties.dataCentreRanges().isEmpty()
                ? IpRanges.EMPTY : IpRanges.load(Path.of(properties.dataCentreRanges()));
        List<String> botTokens = new ArrayList<>(UserAgents.DEFAULT_BOT_TOKENS);
        botTokens.addAll(properties.extraBotTokens());
        return new TrafficFilter(IpRanges.of(properties.blockedIps()), dataCentres, properties.blockedApps(),
                properties.blockedDomains(),
                new UserAgents(botTokens, properties.minUserAgentLength(), properties.maxUserAgentLength()),
                new FloodGuard(properties.maxRequestsPerDevicePerSecond(), properties.floodTableBits()));
    }

    /**
     * @param remoteAddress the exchange connection's peer address (a plain IP literal), used only when the request
     *                      has neither {@code device.ip} nor {@code device.ipv6}; may be null
     * @param nowMillis     the current time, for the flood guard's one-second windows
     */
    public Verdict check(BidRequest request, String remoteAddress, long nowMillis) {
        Verdict verdict = evaluate(request, remoteAddress, nowMillis);
        counts[verdict.ordinal()].increment();
        return verdict;
    }

    /** Requests that got {@code verdict} since start. */
    public long count(Verdict verdict) {
        return counts[verdict.ordinal()].sum();
    }

    /** All counts, for metrics and logs. */
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> all = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            all.put(v, count(v));
        }
        return all;
    }

    private Verdict evaluate(BidRequest request, String remoteAddress, long nowMillis) {
        BidRequest.App app = request.app();
        BidRequest.Site site = request.site();
        if (app != null && app.bundle() != null && blockedApps.contains(app.bundle())) {
            return Verdict.BLOCKED_APP;
        }
        if ((site != null && blockedDomains.matches(site.domain()))
                || (app != null && blockedDomains.matches(app.domain()))) {
            return Verdict.BLOCKED_DOMAIN;
        }
        BidRequest.Device device = request.device();
        String ip = device == null ? null : device.ip() != null ? device.ip() : device.ipv6();
        if (ip == null) {
            ip = remoteAddress;
        }
        Verdict byIp = checkIp(ip);
        if (byIp != Verdict.PASS) {
            return byIp;
        }
        String ua = device == null ? null : device.ua();
        Verdict byUserAgent = userAgents.check(ua);
        if (byUserAgent != Verdict.PASS) {
            return byUserAgent;
        }
        long deviceKey = FloodGuard.deviceKey(device.ifa(), ip, ua);
        return floodGuard.tryAcquire(deviceKey, nowMillis) ? Verdict.PASS : Verdict.FLOOD;
    }

    /** One parse for both lists; an address that is not an IP literal is in neither. */
    private Verdict checkIp(String ip) {
        if (ip == null) {
            return Verdict.PASS;
        }
        long v4 = IpAddresses.parseIpv4(ip);
        if (v4 != IpAddresses.INVALID) {
            return blockedIps.containsIpv4(v4) ? Verdict.BLOCKED_IP
                    : dataCentres.containsIpv4(v4) ? Verdict.DATA_CENTRE : Verdict.PASS;
        }
        long[] v6 = IPV6.get();
        if (!IpAddresses.parseIpv6(ip, v6)) {
            return Verdict.PASS;
        }
        return blockedIps.containsIpv6(v6[0], v6[1]) ? Verdict.BLOCKED_IP
                : dataCentres.containsIpv6(v6[0], v6[1]) ? Verdict.DATA_CENTRE : Verdict.PASS;
    }
}
