package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.adaccounts.Media;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetaChunkerTest {

    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    static List<AdObject> objects(List<PlannedObject> plan) {
        List<AdObject> out = new ArrayList<>();
        long id = 1;
        for (PlannedObject p : plan) {
            out.add(new AdObject(id++, 1, "app", Media.META, p.key(), p.kind(), p.parentKey(), p.accountRef(),
                    p.audienceId(), p.copyId(), p.assetId(), p.label(), ObjectState.PENDING, null, null, 0, null, null,
                    NOW));
        }
        return out;
    }

    static AdObject with(AdObject o, ObjectState state, Instant notBefore) {
        return new AdObject(o.id(), o.batchId(), o.appId(), o.media(), o.key(), o.kind(), o.parentKey(),
                o.accountRef(), o.audienceId(), o.copyId(), o.assetId(), o.name(), state,
                state == ObjectState.CREATED ? "m" + o.id() : null, null, 0, notBefore, null, NOW);
    }

    @Test
    void sendingChunkAfterChunkCreatesEverythingWithAtMostFiftyOpsAndOneAdSetPerCampaignEach() {
        List<AdObject> all = objects(BatchPlanner.plan(BatchPlannerTest.input(Media.META, 1, 2, 4, 5)));
        int requests = 0;
        while (true) {
            List<AdObject> chunk = MetaChunker.next(all, 50, NOW);
            if (chunk.isEmpty()) {
                break;
            }
            requests++;
            assertThat(chunk.size()).isLessThanOrEqualTo(50);
            Set<String> campaigns = new HashSet<>();
            Set<String> inChunk = new HashSet<>();
            for (AdObject o : chunk) {
                if (o.kind() == ObjectKind.ADSET) {
                    assertThat(campaigns.add(o.parentKey())).as("one ad set per campaign per request").isTrue();
                }
                if (o.parentKey() != null) {
                    AdObject parent = all.stream().filter(p -> p.key().equals(o.parentKey())).findFirst().orElseThrow();
                    assertThat(parent.state() == ObjectState.CREATED || inChunk.contains(parent.key())).isTrue();
                }
                if (o.kind() == ObjectKind.CREATIVE) {
                    assertThat(chunk.stream().anyMatch(a -> o.key().equals(a.parentKey())))
                            .as("a creative travels with its ad").isTrue();
                }
                inChunk.add(o.key());
            }
            List<AdObject> next = new ArrayList<>();
            for (AdObject o : all) {
                next.add(inChunk.contains(o.key()) ? with(o, ObjectState.CREATED, null) : o);
            }
            all = next;
        }
        assertThat(all).allMatch(o -> o.state() == ObjectState.CREATED);
        // 1 campaign + 2 ad sets + 80 ops (40 creative/ad pairs) = 83 ops.
        assertThat(requests).isEqualTo(2);
    }

    @Test
    void objectsInBackoffOrUnderAnUnknownParentWait() {
        List<AdObject> all = objects(BatchPlanner.plan(BatchPlannerTest.input(Media.META, 1, 1, 1, 2)));
        // campaign created, ad set unknown (SUBMITTING): nothing below it may go.
        List<AdObject> s = new ArrayList<>(all);
        s.set(0, with(all.get(0), ObjectState.CREATED, null));
        s.set(1, with(all.get(1), ObjectState.SUBMITTING, NOW.plusSeconds(5)));
        assertThat(MetaChunker.next(s, 50, NOW)).isEmpty();
        // ad set created; the first creative waits for its backoff, the second pair goes.
        s.set(1, with(all.get(1), ObjectState.CREATED, null));
        s.set(2, with(all.get(2), ObjectState.PENDING, NOW.plusSeconds(5)));
        assertThat(MetaChunker.next(s, 50, NOW)).extracting(AdObject::key)
                .containsExactly(all.get(4).key(), all.get(5).key());
        assertThat(MetaChunker.next(s, 50, NOW.plusSeconds(5))).hasSize(4);
    }
}
