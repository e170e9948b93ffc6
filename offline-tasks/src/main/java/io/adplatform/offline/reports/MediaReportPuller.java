package io.adplatform.offline.reports;

import io.adplatform.offline.fx.DailyRates;
import io.adplatform.offline.fx.FxRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one account: decides its days (the window in its time zone, plus days still pending), fetches them through its
 * media's {@link MediaReportSource}, converts spend to the reporting currency day by day, writes what converted and
 * records the outcome. A throttled account is backed off (exponential, per account, kept in MariaDB); a day without a
 * usable FX rate is not written — it is kept pending and pulled again on every run until its rate arrives.
 */
public class MediaReportPuller {

    private static final Logger log = LoggerFactory.getLogger(MediaReportPuller.class);

    /** How one account's pull ended. */
    public enum Status { OK, FAILED, THROTTLED, BACKED_OFF }

    public record Outcome(Status status, int rows, String message) {
    }

    private final ReportAccounts accounts;
    private final Map<Media, MediaReportSource> sources;
    private final FxRates fx;
    private final MediaReportStore store;
    private final ReportsProperties props;
    private final Backoff backoff;
    private final Clock clock;

    public MediaReportPuller(ReportAccounts accounts, List<MediaReportSource> sources, FxRates fx,
                             MediaReportStore store, ReportsProperties props, Clock clock) {
        this.accounts = accounts;
        this.sources = new LinkedHashMap<>();
        sources.forEach(s -> this.sources.put(s.media(), s));
        this.fx = fx;
        this.store = store;
        this.props = props;
        this.backoff = new Backoff(props.backoffInitial(), props.backoffMax());
        this.clock = clock;
    }

    public Outcome pull(ReportAccount a, PullRequest request) {
        Instant now = clock.instant();
        if (a.nextAttemptAt() != null && now.isBefore(a.nextAttemptAt())) {
            return new Outcome(Status.BACKED_OFF, 0, a.key() + " backed off until " + a.nextAttemptAt());
        }
        MediaReportSource source = sources.get(a.media());
        if (source == null) {
            return failed(a, now, "no report source for " + a.media().key(), null);
        }
        LocalDate today = LocalDate.ofInstant(now, a.zone());
        NavigableSet<LocalDate> days = request.days(today, props.repullDays(), props.includeToday());
        if (!request.explicitRange()) {
            LocalDate oldest = today.minusDays(props.pendingMaxAgeDays());
            accounts.dropPendingBefore(a, oldest);
            days.addAll(accounts.pendingDays(a));
        }
        if (days.isEmpty()) {
            return new Outcome(Status.OK, 0, a.key() + ": no days to pull");
        }
        List<AdDayReport> rows = new ArrayList<>();
        Duration askedBackOff = null;
        try {
            for (LocalDate[] range : PullRequest.ranges(days)) {
                MediaReportSource.Fetched f = source.fetch(a, range[0], range[1]);
                rows.addAll(f.rows());
                if (f.backOff() != null) {
                    askedBackOff = f.backOff();
                }
            }
        } catch (MediaThrottledException e) {
            int throttles = a.throttles() + 1;
            Instant next = now.plus(backoff.delay(throttles, e.regainAccessIn()));
            accounts.recordBackOff(a, now, throttles, next, "throttled: " + e.getMessage());
            log.warn("{} throttled ({} in a row), backed off until {}: {}", a.key(), throttles, next, e.getMessage());
            return new Outcome(Status.THROTTLED, 0, a.key() + " throttled until " + next);
        } catch (RuntimeException e) {
            return failed(a, now, e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
        DailyRates rates;
        try {
            rates = fx.rates(a.currency(), days.first(), days.last());
        } catch (RuntimeException e) {
            return failed(a, now, "cannot read FX rates: " + e.getMessage(), null);
        }
        Map<LocalDate, String> failedDays = new TreeMap<>();
        List<MediaReportStore.Converted> converted = new ArrayList<>();
        Map<LocalDate, List<AdDayReport>> byDay = new TreeMap<>();
        for (AdDayReport r : rows) {
            byDay.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<LocalDate, List<AdDayReport>> e : byDay.entrySet()) {
            LocalDate day = e.getKey();
            boolean needsRate = e.getValue().stream().anyMatch(r -> r.spend().signum() != 0);
            Optional<DailyRates.Rate> rate = rates.on(day);
            if (needsRate && rate.isEmpty()) {
                failedDays.put(day, "no FX rate " + a.currency() + "→" + fx.reportingCurrency() + " for " + day
                        + " or the " + fx.maxAgeDays() + " days before (PUT /internal/v1/fx-rates/{day})");
                continue;
            }
            BigDecimal r = rate.map(DailyRates.Rate::rate).orElse(BigDecimal.ZERO);
            for (AdDayReport row : e.getValue()) {
                converted.add(new MediaReportStore.Converted(row,
                        row.spend().multiply(r).setScale(6, RoundingMode.HALF_EVEN)));
            }
        }
        try {
            store.write(a, converted, now);
        } catch (RuntimeException e) {
            return failed(a, now, "cannot write media_reports: " + e.getMessage(), null);
        }
        Set<LocalDate> written = new TreeSet<>(days);
        written.removeAll(failedDays.keySet());
        accounts.clearDays(a, written);
        Set<String> ads = new HashSet<>();
        rows.forEach(r -> ads.add(r.adId()));
        if (!failedDays.isEmpty()) {
            accounts.markDaysFailed(a, failedDays, now);
            String message = failedDays.size() + " day(s) not written: " + failedDays.values().iterator().next();
            return failed(a, now, message, converted.size());
        }
        accounts.recordSuccess(a, now, converted.size(), ads.size());
        if (askedBackOff != null) {
            Instant next = now.plus(backoff.delay(1, askedBackOff.isZero() ? null : askedBackOff));
            accounts.recordBackOff(a, now, 1, next, null);
            log.info("{} pulled, but its media usage is high: resting until {}", a.key(), next);
        }
        return new Outcome(Status.OK, converted.size(), a.key() + ": " + converted.size() + " rows");
    }

    private Outcome failed(ReportAccount a, Instant now, String message, Integer rowsWritten) {
        accounts.recordFailure(a, now, message, rowsWritten);
        log.warn("{} report pull failed: {}", a.key(), message);
        return new Outcome(Status.FAILED, rowsWritten == null ? 0 : rowsWritten, a.key() + ": " + message);
    }
}
