package io.adplatform.ingestion.clicks;

import io.adplatform.common.event.ClickReport;
import io.adplatform.ingestion.web.FieldProblem;
import io.adplatform.ingestion.web.RequestRejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a request's click reports all or nothing: every click valid, then every click acknowledged by Kafka
 * (acks=all) within the produce timeout — only then does the caller get a 2xx. Anything less is a 400 (nothing
 * written) or a 503 (the DSP retries). A 503 can follow a partial write; the retry writes those clicks again, and the
 * consumer dedups by click id. There is no dedup here: a DSP reporting a click twice gets it written twice, on
 * purpose — the consumer sees every report and owns the one place that decides what a duplicate is.
 */
public final class ClickIntake {

    private static final Logger log = LoggerFactory.getLogger(ClickIntake.class);

    private final ClickReportReader reader;
    private final ClickPublisher publisher;
    private final ClickMetrics metrics;
    private final Duration produceTimeout;

    ClickIntake(ClickReportReader reader, ClickPublisher publisher, ClickMetrics metrics, Duration produceTimeout) {
        this.reader = reader;
        this.publisher = publisher;
        this.metrics = metrics;
        this.produceTimeout = produceTimeout;
    }

    /** One click from a click-monitor URL. Returns once Kafka acknowledged it; throws {@link RequestRejected} else. */
    public void acceptQuery(String rawQuery, String clientIp, String headerUserAgent) {
        write(reader.fromQuery(rawQuery, clientIp, headerUserAgent));
    }

    /** A JSON batch. Returns how many clicks Kafka acknowledged (all of them); throws {@link RequestRejected} else. */
    public int acceptBatch(byte[] body) {
        return write(reader.fromBatch(body));
    }

    private int write(ClickReportReader.Result result) {
        if (!result.valid()) {
            metrics.rejected(result);
            long bad = result.errors().stream().map(FieldProblem::index).distinct().count();
            String detail = result.size() == 1 ? "the click report has invalid fields; see errors"
                    : bad + " of " + result.size() + " clicks are invalid; nothing was written; see errors";
            throw new RequestRejected(400, "invalid_click", "Bad Request", detail, result.errors(), null);
        }
        List<ClickReport> clicks = result.clicks();
        if (!publishAll(clicks)) {
            metrics.notWritten(clicks.size());
            throw new RequestRejected(503, "not_written", "Service Unavailable",
                    "the clicks could not be written in time; send the same request again later", List.of(), 1);
        }
        metrics.accepted(clicks);
        return clicks.size();
    }

    /** True when Kafka acknowledged every click before the deadline (one deadline for the whole request). */
    private boolean publishAll(List<ClickReport> clicks) {
        long deadline = System.nanoTime() + produceTimeout.toNanos();
        List<CompletableFuture<?>> sends = new ArrayList<>(clicks.size());
        for (ClickReport click : clicks) {
            CompletableFuture<?> send;
            try {
                send = publisher.publish(click);
            } catch (RuntimeException e) {
                send = CompletableFuture.failedFuture(e);
            }
            // a send that failed at once (e.g. no metadata within max.block.ms) means the rest would block as long each
            if (send.isCompletedExceptionally() || deadline - System.nanoTime() < 0) {
                log.warn("click reports not written: {}", send.isCompletedExceptionally()
                        ? "Kafka refused a send: " + send.handle((ok, failure) -> failure).join()
                        : "sending took longer than " + produceTimeout);
                return false;
            }
            sends.add(send);
        }
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                log.warn("click reports not written: Kafka refused one: {}", e.getCause().toString());
                return false;
            } catch (TimeoutException e) {
                log.warn("click reports not written: not acknowledged by Kafka within {}", produceTimeout);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
