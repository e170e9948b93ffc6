package io.adplatform.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

    final ClientIpResolver resolver = new ClientIpResolver(EventsProperties.DEFAULT_TRUSTED_PROXIES);

    @Test
    void directClientIsItsOwnAddressWhateverItClaims() {
        // given a client on the internet that sends a forged header
        // then the header is ignored: only our own proxies are believed
        assertThat(resolver.resolve("203.0.113.7", List.of("1.2.3.4"))).isEqualTo("203.0.113.7");
        assertThat(resolver.resolve("203.0.113.7", List.of())).isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedAddressIsTheClient() {
        // client 198.51.100.9 → LB 10.0.0.5 → ingress 10.0.1.7 → us
        assertThat(resolver.resolve("10.0.1.7", List.of("198.51.100.9, 10.0.0.5"))).isEqualTo("198.51.100.9");
        // the client prepended a forged entry: it is left of the real one and ignored
        assertThat(resolver.resolve("10.0.1.7", List.of("6.6.6.6, 198.51.100.9, 10.0.0.5"))).isEqualTo("198.51.100.9");
        // several header lines count as one list, in order
        assertThat(resolver.resolve("10.0.1.7", List.of("6.6.6.6", "198.51.100.9", "10.0.0.5"))).isEqualTo("198.51.100.9");
    }

    @Test
    void forgedPrivateAddressesCannotHideTheClient() {
        // a client at 198.51.100.9 claims to be 10.9.9.9 behind our LB: the LB appended the real address
        assertThat(resolver.resolve("10.0.0.5", List.of("10.9.9.9, 198.51.100.9"))).isEqualTo("198.51.100.9");
    }

    @Test
    void garbageStopsTheWalkAtTheLastBelievableHop() {
        assertThat(resolver.resolve("10.0.0.5", List.of("evil.example, 10.0.0.4"))).isEqualTo("10.0.0.4");
        assertThat(resolver.resolve("10.0.0.5", List.of("unknown"))).isEqualTo("10.0.0.5");
    }

    @Test
    void allTrustedMeansTheLeftmostHop() {
        assertThat(resolver.resolve("127.0.0.1", List.of("192.168.1.20, 10.0.0.5"))).isEqualTo("192.168.1.20");
    }

    @Test
    void ipv6AndPortsAndMappedAddresses() {
        assertThat(resolver.resolve("::1", List.of("[2001:db8::1]:4711"))).isEqualTo("2001:db8::1");
        assertThat(resolver.resolve("127.0.0.1", List.of("203.0.113.7:5555"))).isEqualTo("203.0.113.7");
        assertThat(resolver.resolve("::ffff:10.0.0.5", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(resolver.resolve("2001:db8:0:0:0:0:0:2", List.of())).isEqualTo("2001:db8::2");
    }

    @Test
    void customTrustListReplacesTheDefaults() {
        ClientIpResolver onlyLb = new ClientIpResolver(List.of("100.64.0.10"));
        assertThat(onlyLb.resolve("100.64.0.10", List.of("10.1.1.1"))).isEqualTo("10.1.1.1");
        assertThat(onlyLb.resolve("10.0.0.5", List.of("203.0.113.7"))).isEqualTo("10.0.0.5");
    }
}
