package io.adplatform.offline.reports;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * One media's reporting API, the one contract every media adapter implements: for an account and a range of its days,
 * every ad's figures per day. The adapter pages, splits ranges and waits for report runs as its media needs; it reads
 * the media's rate-limit signals and says when to slow down.
 */
public interface MediaReportSource {

    Media media();

    /**
     * Per ad per day figures of the account for {@code from}..{@code to} (inclusive, the account's own days).
     *
     * @throws MediaThrottledException the media throttles the account (nothing of this range is returned)
     * @throws ReportPullException     any other failure; the next run tries again
     */
    Fetched fetch(ReportAccount account, LocalDate from, LocalDate to);

    /**
     * The rows, and a back-off the media asked for while answering (its usage of the account is high): the rows are
     * good, but the account should rest before its next pull. Null when no back-off is due.
     */
    record Fetched(List<AdDayReport> rows, Duration backOff) {
    }
}
