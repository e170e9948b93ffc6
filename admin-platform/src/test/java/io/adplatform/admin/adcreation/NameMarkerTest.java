package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameMarkerTest {

    @Test
    void aNameCarriesItsMarkerAndTheKeyIsReadBackOnlyForItsBatch() {
        String name = NameMarker.name("Copy 1 × Img 2", 42, "a1-u11-c21-x32");
        assertThat(name).isEqualTo("Copy 1 × Img 2 [adp:42:a1-u11-c21-x32]");
        assertThat(NameMarker.keyOf(name, 42)).contains("a1-u11-c21-x32");
        assertThat(NameMarker.keyOf(name, 4)).isEmpty();
        assertThat(NameMarker.keyOf(name + " edited", 42)).isEmpty();
        assertThat(NameMarker.keyOf("Copy 1", 42)).isEmpty();
        assertThat(name).contains(NameMarker.batchPrefix(42));
    }

    @Test
    void longLabelsAreCutButTheMarkerStays() {
        String name = NameMarker.name("x".repeat(1000), 7, "a1");
        assertThat(name).endsWith("[adp:7:a1]").hasSizeLessThan(NameMarker.MAX_LABEL + 20);
        assertThat(NameMarker.keyOf(name, 7)).contains("a1");
    }
}
