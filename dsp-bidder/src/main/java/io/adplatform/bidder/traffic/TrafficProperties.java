package io.adplatform.bidder.traffic;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Traffic filtering, {@code adplatform.bidder.traffic}. Every default works locally: nothing blocked, no data-centre
 * list, 20 requests per device per second.
 *
 * @param blockedIps                    networks (CIDR or single addresses) never bid on
 * @param blockedApps                   {@code app.bundle} values never bid on (exact match)
 * @param blockedDomains                {@code site.domain} / {@code app.domain} values never bid on, with subdomains
 * @param dataCentreRanges              path of a file of hosting / data-centre networks, one CIDR a line, {@code #}
 *                                      comments; empty: none
 * @param maxRequestsPerDevicePerSecond per device (ifa, else IP + user agent); 0 turns the flood guard off
 * @param floodTableBits                log2 of the flood guard's slots (16: 65,536 slots, 512 KiB)
 * @param minUserAgentLength            shorter user agents are invalid
 * @param maxUserAgentLength            longer user agents are invalid
 * @param extraBotTokens                case-insensitive substrings marking bots, on top of
 *                                      {@link UserAgents#DEFAULT_BOT_TOKENS}
 */
@ConfigurationProperties("adplatform.bidder.traffic")
public record TrafficProperties(List<String> blockedIps, List<String> blockedApps, List<String> blockedDomains,
                                String dataCentreRanges, Integer maxRequestsPerDevicePerSecond,
                                Integer floodTableBits, Integer minUserAgentLength, Integer maxUserAgentLength,
                                List<String> extraBotTokens) {

    public TrafficProperties {
        blockedIps = blockedIps == null ? List.of() : List.copyOf(blockedIps);
        blockedApps = blockedApps == null ? List.of() : List.copyOf(blockedApps);
        blockedDomains = blockedDomains == null ? List.of() : List.copyOf(blockedDomains);
        dataCentreRanges = dataCentreRanges == null ? "" : dataCentreRanges.strip();
        maxRequestsPerDevicePerSecond = maxRequestsPerDevicePerSecond == null ? 20 : maxRequestsPerDevicePerSecond;
        floodTableBits = floodTableBits == null ? 16 : floodTableBits;
        minUserAgentLength = minUserAgentLength == null ? 10 : minUserAgentLength;
        maxUserAgentLength = maxUserAgentLength == null ? 1024 : maxUserAgentLength;
        extraBotTokens = extraBotTokens == null ? List.of() : List.copyOf(extraBotTokens);
    }

    /** All defaults. */
    public static TrafficProperties defaults() {
        return new TrafficProperties(null, null, null, null, null, null, null, null, null);
    }
}
