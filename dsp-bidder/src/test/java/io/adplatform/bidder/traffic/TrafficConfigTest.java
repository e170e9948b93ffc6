package io.adplatform.bidder.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring: properties as they appear in YAML bind to the filter, and the verdicts reach the metrics. */
class TrafficConfigTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TrafficConfig.class, Properties.class);

    @EnableConfigurationProperties(TrafficProperties.class)
    static class Properties {
    }

    @Test
    void defaultsWithoutAnyConfiguration() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TrafficProperties.class)).isEqualTo(TrafficProperties.defaults());
        });
    }

    @Test
    void bindsTheYamlKeysAndCountsVerdictsAsAMetric() {
        runner.withPropertyValues("adplatform.bidder.traffic.blocked-ips[0]=192.0.2.0/24",
                        "adplatform.bidder.traffic.blocked-apps[0]=com.blocked.game",
                        "adplatform.bidder.traffic.data-centre-ranges=src/test/resources/traffic/data-centres.txt",
                        "adplatform.bidder.traffic.max-requests-per-device-per-second=7",
                        "adplatform.bidder.traffic.flood-table-bits=12")
                .run(context -> {
                    TrafficProperties properties = context.getBean(TrafficProperties.class);
                    assertThat(properties.blockedIps()).containsExactly("192.0.2.0/24");
                    assertThat(properties.maxRequestsPerDevicePerSecond()).isEqualTo(7);
                    assertThat(properties.floodTableBits()).isEqualTo(12);
                    assertThat(properties.minUserAgentLength()).isEqualTo(10);

                    MeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean(MeterBinder.class).bindTo(registry);
                    String json = "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":320,\"h\":50}}],"
                            + "\"device\":{\"ip\":\"198.51.100.9\"}}";
                    BidRequest fromDataCentre = new BidRequestReader(4096).read(json.getBytes(), null, null);
                    assertThat(context.getBean(TrafficFilter.class).check(fromDataCentre, null, 0))
                            .isEqualTo(Verdict.DATA_CENTRE);
                    assertThat(registry.get("bidder.traffic.requests").tag("verdict", "data_centre").functionCounter()
                            .count()).isEqualTo(1);
                });
    }
}
