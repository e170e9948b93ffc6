package io.adplatform.ingestion.events;

import io.adplatform.ingestion.geo.IpAddresses;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the client's address behind our own proxies. Each proxy appends the address it received the request from to
 * {@code X-Forwarded-For}, so only the entries added by proxies we trust are believable: walk from the right, skip
 * trusted proxies, and the first address that is not one of them is the client. Anything to its left was written by
 * the client itself and may be forged. A request that did not come through a trusted proxy is its own client,
 * whatever its headers say.
 */
public final class ClientIpResolver {

    private final List<Cidr> trusted;

    public ClientIpResolver(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
    }

    /**
     * @param remoteAddress  the TCP peer
     * @param forwardedFor   every X-Forwarded-For header value, in order (each may hold a comma-separated list)
     * @return the client address in canonical text, or the remote address as given if it cannot be parsed
     */
    public String resolve(String remoteAddress, List<String> forwardedFor) {
        byte[] remote = IpAddresses.parse(remoteAddress);
        if (remote == null) {
            return remoteAddress;
        }
        if (!isTrusted(remote) || forwardedFor == null || forwardedFor.isEmpty()) {
            return IpAddresses.format(remote);
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            if (header != null) {
                for (String part : header.split(",")) {
                    if (!part.isBlank()) {
                        hops.add(part.trim());
                    }
                }
            }
        }
        byte[] client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpAddresses.parse(hops.get(i));
            if (hop == null) {
                break; // garbage from the left: the last believable address stands
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return IpAddresses.format(client);
    }

    private boolean isTrusted(byte[] address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
