package io.adplatform.ingestion.clicks;

import io.adplatform.common.event.ClickReport;
import io.adplatform.ingestion.web.FieldProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an operator watches on click reports: {@code ingestion_clicks_total{outcome,reason}} per click (accepted;
 * rejected by the field at fault, or {@code batch} for a good click refused with its batch; not_written when Kafka did
 * not acknowledge) and {@code ingestion_click_report_delay_seconds} (received − clicked, with buckets from 1 s to
 * 7 days). Tags never carry request values (source, ids): this endpoint is open to anyone, and so would the tag set be.
 * Whole-request refusals (414, 413, malformed JSON) are in {@code ingestion_requests_refused_total{reason}}.
 */
final class ClickMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter accepted;
    private final Counter notWritten;
    private final Timer delay;

    ClickMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.accepted = counter("accepted", "none");
        this.notWritten = counter("not_written", "kafka");
        this.delay = Timer.builder("ingestion.click.report.delay")
                .description("How long after the click its report reached us (receivedAt - clickedAt)")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
                        Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6),
                        Duration.ofDays(1), Duration.ofDays(7))
                .register(meters);
    }

    void accepted(List<ClickReport> clicks) {
        accepted.increment(clicks.size());
        for (ClickReport c : clicks) {
            Duration d = c.reportDelay();
            delay.record(d.isNegative() ? Duration.ZERO : d); // a click "from the future" (DSP clock ahead) was on time
        }
    }

    void notWritten(int clicks) {
        notWritten.increment(clicks);
    }

    /** Each click once, by its first problem's field; the good clicks of a refused batch as {@code batch}. */
    void rejected(ClickReportReader.Result result) {
        Map<Integer, String> reasons = new HashMap<>();
        for (FieldProblem p : result.errors()) {
            reasons.putIfAbsent(p.index() == null ? 0 : p.index(), reason(p.field()));
        }
        reasons.values().forEach(r -> counter("rejected", r).increment());
        if (result.size() > reasons.size()) {
            counter("rejected", "batch").increment(result.size() - reasons.size());
        }
    }

    /** {@code clicks[3].linkId} → {@code linkId}, {@code clicks[3]} → {@code click}, {@code cid} → {@code cid}. */
    private static String reason(String field) {
        if (!field.startsWith("clicks[")) {
            return field;
        }
        int dot = field.indexOf("].");
        return dot < 0 ? "click" : field.substring(dot + 2);
    }

    private Counter counter(String outcome, String reason) {
        return counters.computeIfAbsent(outcome + '|' + reason, k -> Counter.builder("ingestion.clicks")
                .description("Click reports by outcome and reason")
                .tag("outcome", outcome).tag("reason", reason)
                .register(meters));
    }
}
