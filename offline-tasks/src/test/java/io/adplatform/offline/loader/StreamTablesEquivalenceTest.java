package io.adplatform.offline.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.ClickReport;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Money;
import io.adplatform.common.event.Partner;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The streaming mapping writes, for every record, byte for byte the row the databind mapping writes — on thousands of
 * random events with odd values — and refuses what databind refuses.
 */
class StreamTablesEquivalenceTest {

    private static final String[] ODD = {null, "", "plain", "tab\tand\nline", "back\\slash", "ümlaut 日本 😀",
            "Facebook Ads", " tiktokglobal_int ", "ORGANIC", "00000000-0000-0000-0000-000000000000",
            "38400000-8CF0-11BD-B23E-10B96E40000D"};
    private final Random random = new Random(20261122);

    @Test
    void sdkEvents() {
        same(StreamTables.SDK_EVENTS, ReferenceMappings.SDK_EVENTS, i -> sdkEvent());
    }

    @Test
    void attributionEvents() {
        same(StreamTables.ATTRIBUTION_EVENTS, ReferenceMappings.ATTRIBUTION_EVENTS, i -> new AttributionEvent(
                sdkEvent(), random.nextBoolean(), maybe(instant()), maybe(attribution()), maybe(instant())));
    }

    @Test
    void callbackResults() {
        same(StreamTables.CALLBACK_RESULTS, ReferenceMappings.CALLBACK_RESULTS, i -> new CallbackResult(
                maybe(UUID.randomUUID().toString()), odd(), maybe(Partner.values()[random.nextInt(3)]), odd(),
                maybe(CallbackResult.Outcome.values()[random.nextInt(4)]), random.nextInt(20),
                maybe(200 + random.nextInt(400)), maybe((long) random.nextInt(100_000)), odd(), maybe(instant())));
    }

    @Test
    void bidEvents() {
        same(StreamTables.BID_EVENTS, ReferenceMappings.BID_EVENTS, i -> new BidEvent(maybe("b" + i), maybe(
                BidEvent.Type.values()[random.nextInt(6)]), odd(), odd(), odd(), odd(), odd(), odd(),
                random.nextLong() % 10_000_000_000L, odd(), random.nextDouble() / (1 + random.nextInt(1000)), odd(),
                odd(), odd(), new int[] {random.nextInt(), random.nextInt()}, Math.abs(random.nextLong() % 100_000),
                maybe(random.nextInt(20)), maybe(instant())));
    }

    @Test
    void trackingClicks() {
        same(StreamTables.TRACKING_CLICKS, ReferenceMappings.TRACKING_CLICKS, i -> new ClickReport(maybe("c" + i),
                maybe("tiktok"), odd(), odd(), maybe(instant()), maybe(instant()), odd(), odd()));
    }

    @Test
    void dspCampaigns() {
        same(StreamTables.DSP_CAMPAIGNS, ReferenceMappings.DSP_CAMPAIGNS, i -> new CampaignConfig(maybe("cmp" + i),
                maybe("app" + random.nextInt(9)), odd(), CampaignConfig.Status.ACTIVE, random.nextInt(1000),
                CampaignConfig.Pricing.CPM, 1_000_000, "USD", new CampaignConfig.Budget(0, 0, CampaignConfig.Pacing.FAST),
                null, null, null, List.of(), 0.01, List.of()));
    }

    @Test
    void malformedRecordsAreRefusedByBoth() {
        List<String> bad = List.of("{not json", "[]", "\"text\"", "{\"eventId\":\"e\",\"type\":\"NOPE\",\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"eventId\":\"e\",\"type\":\"BID\",\"at\":\"yesterday\"}",
                "{\"eventId\":\"e\",\"type\":\"BID\",\"at\":\"2026-02-30T00:00:00Z\"}",
                "{\"eventId\":\"e\",\"type\":\"BID\",\"priceMicros\":1.5,\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"eventId\":\"e\",\"type\":\"BID\",\"priceMicros\":99999999999999999999,\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"eventId\":\"e\",\"type\":\"BID\",\"at\":\"2026-01-01T00:00:00Z\"} trailing",
                "{\"eventId\":\"e\",\"type\":\"BID\"}");
        for (String json : bad) {
            byte[] value = json.getBytes(StandardCharsets.UTF_8);
            RowWriter streaming = StreamTables.BID_EVENTS.newWriter();
            RowWriter reference = StreamTables.BID_EVENTS.newWriter();
            assertThat(StreamTables.BID_EVENTS.write(value, streaming, new String[StreamTables.BID_EVENTS.fields().size()]))
                    .as(json).isFalse();
            assertThat(ReferenceMappings.BID_EVENTS.write(value, reference)).as(json).isFalse();
        }
        // Out of the column's range: databind reads it, ClickHouse would refuse the whole insert; the loader skips it.
        byte[] negativeModel = "{\"eventId\":\"e\",\"type\":\"BID\",\"modelVersion\":-1,\"at\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(StreamTables.BID_EVENTS.write(negativeModel, StreamTables.BID_EVENTS.newWriter(),
                new String[StreamTables.BID_EVENTS.fields().size()])).isFalse();
    }

    private <T> void same(StreamTable streaming, RecordTable<T> reference, Function<Integer, T> records) {
        String[] slots = new String[streaming.fields().size()];
        int rows = 0;
        for (int i = 0; i < 3000; i++) {
            T record = records.apply(i);
            byte[] json = EventJson.mapper().writeValueAsBytes(record);
            RowWriter a = streaming.newWriter();
            RowWriter b = streaming.newWriter();
            boolean wrote = streaming.write(json, a, slots);
            assertThat(wrote).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(reference.write(json, b));
            if (wrote) {
                rows++;
                assertThat(new String(a.finish(), StandardCharsets.UTF_8)).as(new String(json, StandardCharsets.UTF_8))
                        .isEqualTo(new String(b.finish(), StandardCharsets.UTF_8));
            }
        }
        assertThat(rows).as("rows written").isGreaterThan(1000);
    }

    private SdkEvent sdkEvent() {
        Platform platform = random.nextInt(5) == 0 ? null : Platform.values()[random.nextInt(2)];
        return new SdkEvent(maybe(UUID.randomUUID().toString()), maybe(EventType.values()[random.nextInt(4)]), odd(),
                maybe("app" + random.nextInt(5)), platform, random.nextInt(6) == 0 ? null
                : new DeviceIds(odd(), odd(), odd(), odd(), odd(), odd()), odd(), maybe(instant()), maybe(instant()),
                odd(), odd(), odd(), random.nextInt(3) == 0 ? new Money(new BigDecimal(BigDecimal.valueOf(
                        random.nextInt(1_000_000), random.nextInt(7)).toPlainString()), random.nextBoolean() ? "USD" : "JPY")
                        : null, maybe(attribution()), null, odd(), null);
    }

    private AttributionInfo attribution() {
        return new AttributionInfo(odd(), odd(), odd(), odd(), odd());
    }

    private Instant instant() {
        Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000));
        return switch (random.nextInt(4)) {
            case 0 -> at;
            case 1 -> at.plusMillis(random.nextInt(1000));
            case 2 -> at.plusNanos(random.nextInt(1_000_000_000));
            default -> at.plusNanos(random.nextInt(1000) * 1000L);
        };
    }

    private String odd() {
        return ODD[random.nextInt(ODD.length)];
    }

    private <T> T maybe(T value) {
        return random.nextInt(12) == 0 ? null : value;
    }
}
