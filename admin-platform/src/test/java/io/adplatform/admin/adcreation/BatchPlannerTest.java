package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.adaccounts.Media;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    static BatchPlanner.Input input(Media media, int accounts, int audiences, int copies, int assets) {
        return new BatchPlanner.Input(media, "Spring push",
                LongStream.rangeClosed(1, accounts).mapToObj(i -> new BatchPlanner.Account(i, "act_" + i, "Acc " + i))
                        .toList(),
                LongStream.rangeClosed(1, audiences).mapToObj(i -> new BatchPlanner.Item(10 + i, "Aud " + i)).toList(),
                LongStream.rangeClosed(1, copies).mapToObj(i -> new BatchPlanner.Item(20 + i, "Copy " + i)).toList(),
                LongStream.rangeClosed(1, assets).mapToObj(i -> new BatchPlanner.Item(30 + i, "Img " + i)).toList());
    }

    @Test
    void threeAccountsTwoAudiencesFourCopiesFiveAssetsAre120AdsInSixAdSetsOfThreeCampaigns() {
        List<PlannedObject> plan = BatchPlanner.plan(input(Media.META, 3, 2, 4, 5));
        assertThat(BatchPlanner.count(plan, ObjectKind.CAMPAIGN)).isEqualTo(3);
        assertThat(BatchPlanner.count(plan, ObjectKind.ADSET)).isEqualTo(6);
        assertThat(BatchPlanner.count(plan, ObjectKind.CREATIVE)).isEqualTo(120);
        assertThat(BatchPlanner.count(plan, ObjectKind.AD)).isEqualTo(120);
        Set<String> keys = new HashSet<>();
        plan.forEach(o -> assertThat(keys.add(o.key())).as("unique key %s", o.key()).isTrue());
        // Parents come first, and every Meta ad right after its creative.
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedObject o = plan.get(i);
            if (o.parentKey() != null) {
                assertThat(seen).contains(o.parentKey());
            }
            if (o.kind() == ObjectKind.AD) {
                assertThat(plan.get(i - 1).key()).isEqualTo(o.parentKey());
                assertThat(plan.get(i - 1).kind()).isEqualTo(ObjectKind.CREATIVE);
            }
            seen.add(o.key());
        }
    }

    @Test
    void tiktokAdsHangUnderTheirAdGroupWithoutSeparateCreatives() {
        List<PlannedObject> plan = BatchPlanner.plan(input(Media.TIKTOK, 1, 2, 2, 3));
        assertThat(BatchPlanner.count(plan, ObjectKind.CREATIVE)).isZero();
        assertThat(BatchPlanner.count(plan, ObjectKind.AD)).isEqualTo(12);
        assertThat(plan).filteredOn(o -> o.kind() == ObjectKind.AD)
                .allSatisfy(o -> assertThat(o.parentKey()).matches("a1-u1[12]"));
    }

    @Test
    void keysAreTheSameForTheSameRequest() {
        assertThat(BatchPlanner.plan(input(Media.META, 2, 2, 2, 2)))
                .isEqualTo(BatchPlanner.plan(input(Media.META, 2, 2, 2, 2)));
    }
}
