package io.adplatform.admin.adaccounts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdsPropertiesTest {

    @Test
    void aKeyThatIsNot32BytesIsRefusedAtStart() {
        assertThatThrownBy(() -> new AdsProperties("c2hvcnQ=", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
