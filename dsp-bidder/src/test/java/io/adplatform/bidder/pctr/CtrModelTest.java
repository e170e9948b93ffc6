package io.adplatform.bidder.pctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CtrModelTest {

    static final int[] FEATURES = CtrFeatures.hash(12, CtrFeaturesTest.CTX);

    @Test
    void aCampaignTheModelNeverSawGetsItsPrior() {
        CtrModel model = trained(12, Map.of("known", 5_000L));
        assertThat(model.predict(FEATURES, "new-campaign", 0.013)).isEqualTo(0.013);
        assertThat(CtrModel.empty().predict(FEATURES, "known", 0.02)).isEqualTo(0.02);
        assertThat(CtrModel.empty().version()).isZero();
    }

    @Test
    void theBlendMovesFromPriorToModelWithImpressions() {
        CtrModel model = trained(12, Map.of("half", 1_000L, "lots", 1_000_000_000L)).withPriorWeight(1000);
        double raw = model.predict(FEATURES);
        double prior = 0.01;
        assertThat(raw).isGreaterThan(0.2);
        assertThat(model.predict(FEATURES, "half", prior)).isCloseTo((raw + prior) / 2, within(1e-12));
        assertThat(model.predict(FEATURES, "lots", prior)).isCloseTo(raw, within(1e-5));
        assertThat(model.withPriorWeight(0).predict(FEATURES, "half", prior)).isCloseTo(raw, within(1e-12));
        assertThat(model.withPriorWeight(9000).predict(FEATURES, "half", prior))
                .isCloseTo((1000 * raw + 9000 * prior) / 10_000, within(1e-12));
    }

    @Test
    void featuresOfAnotherSizeAreFoldedNotOutOfBounds() {
        CtrModel model = trained(12, Map.of());
        int[] wide = CtrFeatures.hash(20, CtrFeaturesTest.CTX);
        assertThat(model.predict(wide)).isEqualTo(model.predict(FEATURES));
        assertThat(model.predict(new int[] {-1, Integer.MAX_VALUE})).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void codecRoundTripPredictsTheSame() {
        CtrModel model = trained(16, Map.of("c1", 123L, "ü-campaign", 4L));
        byte[] bytes = CtrModelCodec.encode(model);
        CtrModel read = CtrModelCodec.decode(bytes);

        assertThat(CtrModelCodec.version(bytes)).isEqualTo(model.version());
        assertThat(read.version()).isEqualTo(model.version());
        assertThat(read.bits()).isEqualTo(16);
        assertThat(read.campaignImpressions()).isEqualTo(model.campaignImpressions());
        assertThat(read.nonZeroWeights()).isEqualTo(model.nonZeroWeights()).isPositive();
        for (int i = 0; i <= 1 << 16; i++) {
            assertThat(read.weight(i)).isEqualTo(model.weight(i));
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            int[] f = random.ints(CtrFeatures.COUNT, 0, 1 << 16).toArray();
            assertThat(read.predict(f, "c1", 0.01)).isEqualTo(model.predict(f, "c1", 0.01));
        }
    }

    @Test
    void evenADenseModelOfTwentyBitsStaysWellUnderEightMegabytes() {
        SplittableRandom random = new SplittableRandom(2);
        float[] dense = new float[(1 << 20) + 1];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) (random.nextDouble() * 2 - 1) + 1e-3f;
        }
        Map<String, Long> campaigns = new java.util.HashMap<>();
        for (int c = 0; c < 10_000; c++) {
            campaigns.put("campaign-" + c, (long) c * 1000);
        }
        CtrModel model = new CtrModel(7, 20, dense, campaigns, 1000);
        byte[] bytes = CtrModelCodec.encode(model);
        assertThat(bytes.length).isLessThan(6 * 1024 * 1024);
        CtrModel read = CtrModelCodec.decode(bytes);
        assertThat(read.nonZeroWeights()).isEqualTo(dense.length);
        assertThat(read.weight(dense.length - 1)).isEqualTo(dense[dense.length - 1]);

        float[] sparse = new float[(1 << 20) + 1];
        for (int i = 0; i < sparse.length; i += 10) {
            sparse[i] = dense[i];
        }
        assertThat(CtrModelCodec.encode(new CtrModel(8, 20, sparse, Map.of(), 1000)).length)
                .as("10 % non-zero").isLessThan(bytes.length / 5);
    }

    @Test
    void rejectsWhatIsNotAModel() {
        byte[] bytes = CtrModelCodec.encode(trained(12, Map.of("c", 1L)));
        assertThatThrownBy(() -> CtrModelCodec.decode(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> CtrModelCodec.version(otherFormat)).isInstanceOf(IllegalArgumentException.class);
        byte[] huge = bytes.clone();
        huge[9] = 30;
        assertThatThrownBy(() -> CtrModelCodec.decode(huge)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CtrModelCodec.decode(Arrays.copyOf(bytes, bytes.length - 12)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A small model that has learnt FEATURES click often. */
    static CtrModel trained(int bits, Map<String, Long> campaigns) {
        FtrlProximal ftrl = new FtrlProximal(bits, new FtrlProximal.Params(0.1, 1.0, 1.0, 1.0));
        int[] other = CtrFeatures.hash(bits, new FeatureContext("c2", "cr2", "other.example", "t", "USA", "ios", 1,
                1, 3, "VIDEO"));
        for (int i = 0; i < 2_000; i++) {
            ftrl.update(CtrFeatures.hash(bits, CtrFeaturesTest.CTX), i % 3 == 0);
            ftrl.update(other, i % 50 == 0);
        }
        return ftrl.snapshot(42, campaigns);
    }
}
