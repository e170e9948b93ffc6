package io.adplatform.admin.adaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdsPropertiesTest {

    @Test
    void aKeyThatIsNot32BytesIsRefusedAtStart() {
        assertThatThrownBy(() -> new AdsProperties("c2hvcnQ=", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void theBatchLeaseOutlastsThreeMediaCallsAndDefaultsWork() {
        AdsProperties.Runner defaults = new AdsProperties(null, null, null, null, null).runner();
        assertThat(defaults.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> new AdsProperties.Runner(null, null, null, null, null, Duration.ofSeconds(30), null,
                null, Duration.ofSeconds(89))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adplatform.ads.runner.lease");
        assertThat(new AdsProperties.Runner(null, null, null, null, null, Duration.ofSeconds(30), null, null,
                Duration.ofSeconds(90)).lease()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> new AdsProperties.Runner(null, null, null, null, null, null, null, Duration.ZERO,
                null)).hasMessageContaining("poll-interval");
    }
}
