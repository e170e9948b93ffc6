package io.adplatform.ingestion.clicks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.event.ClickReport;
import io.adplatform.ingestion.web.FieldProblem;
import io.adplatform.ingestion.web.RequestRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickReportReaderTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String CLIENT_IP = "198.51.100.9";
    static final String HEADER_UA = "DSP-Callback/1.0";
    static final String BASE = "src=tiktok&ad=ad-1&link=lnk_1&cid=c-1";

    final ClickReportReader reader =
            new ClickReportReader(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5), Duration.ofDays(7), 4, 1024);

    ClickReportReader.Result query(String query) {
        return reader.fromQuery(query, CLIENT_IP, HEADER_UA);
    }

    ClickReportReader.Result batch(String json) {
        return reader.fromBatch(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> fields(ClickReportReader.Result r) {
        return r.errors().stream().map(FieldProblem::field).toList();
    }

    @Test
    void readsAClickMonitorUrlAsTheDspFilledItIn() {
        // given every parameter, percent-encoded as a DSP sends it, plus parameters of the DSP's own
        long ts = NOW.minusSeconds(30).getEpochSecond();
        String q = "src=TikTok&ad=ad-1&link=lnk_1.a:b&cid=E.C.P.abc%2B%2F%3D&ts=" + ts
                + "&ip=2001:db8:0:0:0:0:0:1&ua=Mozilla%2F5.0+(iPhone)&aid=1234&extra";

        // when
        ClickReportReader.Result r = query(q);

        // then
        assertThat(r.errors()).isEmpty();
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.clicks()).containsExactly(new ClickReport("E.C.P.abc+/=", "tiktok", "ad-1", "lnk_1.a:b",
                NOW.minusSeconds(30), NOW, "2001:db8::1", "Mozilla/5.0 (iPhone)"));
    }

    @Test
    void clickTimeIsUnixSecondsOrMillisByMagnitude() {
        long seconds = NOW.minusSeconds(90).getEpochSecond();
        long millis = NOW.minusMillis(90_123).toEpochMilli();

        assertThat(query(BASE + "&ts=" + seconds).clicks().get(0).clickedAt()).isEqualTo(NOW.minusSeconds(90));
        assertThat(query(BASE + "&ts=" + millis).clicks().get(0).clickedAt()).isEqualTo(NOW.minusMillis(90_123));
        // the boundary: 10^11 and above is milliseconds (as seconds it would be after the year 5000)
        assertThat(fields(query(BASE + "&ts=" + (ClickReportReader.MILLIS_FROM - 1)))).containsExactly("ts");
        assertThat(fields(query(BASE + "&ts=" + ClickReportReader.MILLIS_FROM))).containsExactly("ts");
    }

    @Test
    void withoutTimeIpOrUserAgentTheRequestProvidesThem() {
        // no ts, an empty ip, an unfilled ua macro: optional values that are not there
        ClickReport c = query(BASE + "&ip=&ua=__UA__").clicks().get(0);

        assertThat(c.clickedAt()).isEqualTo(NOW);
        assertThat(c.receivedAt()).isEqualTo(NOW);
        assertThat(c.ip()).isEqualTo(CLIENT_IP);
        assertThat(c.userAgent()).isEqualTo(HEADER_UA);
        assertThat(query(BASE + "&ts=").clicks().get(0).clickedAt()).isEqualTo(NOW);
        assertThat(query(BASE + "&ts=__TS__").clicks().get(0).clickedAt()).isEqualTo(NOW);
        assertThat(reader.fromQuery(BASE + "&ua=" + "a".repeat(600), CLIENT_IP, null).clicks().get(0).userAgent())
                .hasSize(ClickReportReader.MAX_USER_AGENT);
        assertThat(reader.fromQuery(BASE, CLIENT_IP, null).clicks().get(0).userAgent()).isNull();
    }

    @Test
    void eachBadParameterIsNamed() {
        // given one bad value per case, the rest of the URL good
        long now = NOW.getEpochSecond();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("src=tiktok&ad=ad-1&link=lnk_1", "cid");                              // missing
        cases.put(BASE.replace("cid=c-1", "cid="), "cid");                             // empty
        cases.put(BASE.replace("cid=c-1", "cid=a%20b"), "cid");                        // space
        cases.put(BASE.replace("cid=c-1", "cid=a+b"), "cid");                          // space, form-encoded
        cases.put(BASE.replace("cid=c-1", "cid=" + "x".repeat(129)), "cid");           // too long
        cases.put(BASE.replace("cid=c-1", "cid=caf%C3%A9"), "cid");                    // not ASCII
        cases.put(BASE.replace("cid=c-1", "cid=__CALLBACK_PARAM__"), "cid");           // unfilled macro
        cases.put(BASE.replace("cid=c-1", "cid=%7Bgclid%7D"), "cid");                  // unfilled macro
        cases.put(BASE.replace("cid=c-1", "cid=%zz"), "cid");                          // broken encoding
        cases.put(BASE + "&cid=c-2", "cid");                                           // twice
        cases.put(BASE.replace("link=lnk_1", "link=a/b"), "link");
        cases.put(BASE.replace("link=lnk_1", "link=" + "l".repeat(65)), "link");
        cases.put(BASE.replace("link=lnk_1&", ""), "link");
        cases.put(BASE.replace("ad=ad-1&", ""), "ad");
        cases.put(BASE.replace("ad=ad-1", "ad=__AID__"), "ad");
        cases.put(BASE.replace("ad=ad-1", "ad=" + "a".repeat(129)), "ad");
        cases.put(BASE.replace("src=tiktok&", ""), "src");
        cases.put(BASE.replace("src=tiktok", "src=tik+tok"), "src");
        cases.put(BASE.replace("src=tiktok", "src=" + "s".repeat(33)), "src");
        cases.put(BASE + "&ts=yesterday", "ts");
        cases.put(BASE + "&ts=-5", "ts");
        cases.put(BASE + "&ts=1234567890123456", "ts");                                // 16 digits
        cases.put(BASE + "&ts=" + (now + 301), "ts");                                  // > 5 min ahead
        cases.put(BASE + "&ts=" + (now - Duration.ofDays(7).toSeconds() - 1), "ts");   // > 7 days old
        cases.put(BASE + "&ts=0", "ts");
        cases.put(BASE + "&ip=999.1.1.1", "ip");
        cases.put(BASE + "&ip=evil.example", "ip");

        cases.forEach((q, field) -> {
            // when
            ClickReportReader.Result r = query(q);
            // then
            assertThat(fields(r)).as(q).containsExactly(field);
            assertThat(r.clicks()).as(q).isEmpty();
            assertThat(r.errors().get(0).message()).as(q).isNotBlank();
        });
    }

    @Test
    void theWindowIsFiveMinutesAheadAndSevenDaysBack() {
        long now = NOW.getEpochSecond();
        assertThat(query(BASE + "&ts=" + (now + 300)).valid()).isTrue();
        assertThat(query(BASE + "&ts=" + (now - Duration.ofDays(7).toSeconds())).valid()).isTrue();
        assertThat(query(BASE + "&ts=" + (now + 301)).errors().get(0).message()).isEqualTo("more than 5 minutes in the future");
        assertThat(query(BASE + "&ts=" + (now - Duration.ofDays(7).toSeconds() - 1)).errors().get(0).message())
                .isEqualTo("older than 7 days");
    }

    @Test
    void everyProblemIsListedAndNoValueEchoed() {
        ClickReportReader.Result r = query("src=TIK%20TOK&ad=__AID__&link=secret%2Fpath&cid=&ts=soon&ip=1.2.3");

        assertThat(fields(r)).containsExactly("src", "ad", "link", "cid", "ts", "ip");
        assertThat(r.errors()).extracting(FieldProblem::message)
                .noneMatch(m -> m.contains("secret") || m.contains("soon") || m.contains("1.2.3"));
    }

    @Test
    void overlongQueryStringsAreRefusedBeforeParsing() {
        String q = BASE + "&pad=" + "x".repeat(1024 - BASE.length() - 4);
        assertThat(q).hasSize(1025);

        assertThatThrownBy(() -> query(q)).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.status()).isEqualTo(414);
            assertThat(e.reason()).isEqualTo("query_too_long");
        });
        assertThat(query(q.substring(0, 1024)).valid()).isTrue(); // at the limit is fine
    }

    @Test
    void readsABatchWithIsoAndEpochMillisTimes() {
        // given
        String json = """
                {"clicks":[
                  {"source":"meta","adId":"ad-1","linkId":"lnk-1","clickId":"c1","clickedAt":"2026-11-21T11:59:00+02:00"},
                  {"source":"meta","adId":"ad-1","linkId":"lnk-2","clickId":"c2","clickedAt":%d,
                   "ip":"203.0.113.7","userAgent":"Mozilla/5.0","unknown":true},
                  {"source":"meta","adId":"ad-1","linkId":"lnk-2","clickId":"c3","clickedAt":"%d","ip":null}]}"""
                .formatted(NOW.minusSeconds(5).toEpochMilli(), NOW.minusMillis(1).toEpochMilli());

        // when
        ClickReportReader.Result r = batch(json);

        // then
        assertThat(r.errors()).isEmpty();
        assertThat(r.clicks()).containsExactly(
                new ClickReport("c1", "meta", "ad-1", "lnk-1", NOW.minusSeconds(60), NOW, null, null),
                new ClickReport("c2", "meta", "ad-1", "lnk-2", NOW.minusSeconds(5), NOW, "203.0.113.7", "Mozilla/5.0"),
                new ClickReport("c3", "meta", "ad-1", "lnk-2", NOW.minusMillis(1), NOW, null, null));
    }

    @Test
    void aBatchIsAllOrNothingAndNamesEachBadField() {
        // given one good click between bad ones
        String json = """
                {"clicks":[
                  {"source":"meta","adId":"ad-1","linkId":"lnk/1","clickId":"c1","clickedAt":"2026-11-21T09:59:00Z"},
                  {"source":"meta","adId":"ad-1","linkId":"lnk-1","clickId":"c2","clickedAt":"2026-11-21T09:59:00Z"},
                  {"source":"meta","adId":7,"linkId":"lnk-1","clickedAt":"2026-11-21T09:59:00","ip":"x"},
                  "not a click"]}""";

        // when
        ClickReportReader.Result r = reader.fromBatch(json.getBytes(StandardCharsets.UTF_8));

        // then nothing is taken, every problem is named with its click's index
        assertThat(r.valid()).isFalse();
        assertThat(r.clicks()).isEmpty();
        assertThat(r.size()).isEqualTo(4);
        assertThat(fields(r)).containsExactly("clicks[0].linkId", "clicks[2].adId", "clicks[2].clickId",
                "clicks[2].clickedAt", "clicks[2].ip", "clicks[3]");
        assertThat(r.errors()).extracting(FieldProblem::index).containsExactly(0, 2, 2, 2, 2, 3);
    }

    @Test
    void batchTimesMustBeIsoWithOffsetOrEpochMillis() {
        String base = """
                {"clicks":[{"source":"meta","adId":"ad-1","linkId":"lnk-1","clickId":"c1"%s}]}""";
        assertThat(fields(batch(base.formatted("")))).containsExactly("clicks[0].clickedAt");
        assertThat(fields(batch(base.formatted(",\"clickedAt\":1.7e12")))).containsExactly("clicks[0].clickedAt");
        assertThat(fields(batch(base.formatted(",\"clickedAt\":{}")))).containsExactly("clicks[0].clickedAt");
        assertThat(fields(batch(base.formatted(",\"clickedAt\":" + NOW.minusSeconds(60).getEpochSecond()))))
                .as("seconds read as millis are 1970").containsExactly("clicks[0].clickedAt");
        assertThat(fields(batch(base.formatted(",\"clickedAt\":\"2026-11-21T10:05:01Z\"")))).containsExactly("clicks[0].clickedAt");
        assertThat(batch(base.formatted(",\"clickedAt\":\"2026-11-21T10:05:00Z\"")).valid()).isTrue();
    }

    @Test
    void batchShapeProblemsRefuseTheWholeRequest() {
        assertRejected("{\"clicks\":", 400, "malformed_json");
        assertRejected("[]", 400, "not_an_object");
        assertRejected("{}", 400, "invalid_batch");
        assertRejected("{\"clicks\":{}}", 400, "invalid_batch");
        assertRejected("{\"clicks\":[]}", 400, "empty_batch");
        assertRejected("{\"clicks\":[{},{},{},{},{}]}", 413, "too_many_clicks");
    }

    private void assertRejected(String json, int status, String reason) {
        assertThatThrownBy(() -> batch(json)).as(json).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }

    @Test
    void macrosOfTheCommonDsps() {
        assertThat(List.of("__CALLBACK_PARAM__", "{gclid}", "{{ad.id}}", "${click_id}", "%%CLICK_ID%%", "[CLICKID]"))
                .allMatch(ClickReportReader::looksLikeMacro);
        assertThat(List.of("E.C.P.abc", "__", "____", "{", "a_b__", "%%")).noneMatch(ClickReportReader::looksLikeMacro);
    }
}
