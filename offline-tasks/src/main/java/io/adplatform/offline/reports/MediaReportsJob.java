package io.adplatform.offline.reports;

import io.adplatform.offline.scheduler.JobRun;
import io.adplatform.offline.scheduler.ScheduledJob;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code media-reports} job: pulls every enabled account (or the one named by {@code account}), one after the
 * other; one account's failure or throttling does not stop the others. Fails the run only when accounts failed and
 * none succeeded.
 */
public class MediaReportsJob implements ScheduledJob {

    public static final String NAME = "media-reports";

    private final ReportAccounts accounts;
    private final MediaReportPuller puller;
    private final String cron;

    public MediaReportsJob(ReportAccounts accounts, MediaReportPuller puller, String cron) {
        this.accounts = accounts;
        this.puller = puller;
        this.cron = cron;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String cron() {
        return cron;
    }

    @Override
    public String run(JobRun run) {
        PullRequest request = PullRequest.parse(run.parameters());
        int ok = 0;
        int backedOff = 0;
        int failed = 0;
        long rows = 0;
        List<String> failures = new ArrayList<>();
        for (ReportAccount a : accounts.enabled()) {
            if (!request.covers(a)) {
                continue;
            }
            MediaReportPuller.Outcome o = puller.pull(a, request);
            rows += o.rows();
            switch (o.status()) {
                case OK -> ok++;
                case THROTTLED, BACKED_OFF -> backedOff++;
                case FAILED -> {
                    failed++;
                    failures.add(o.message());
                }
            }
        }
        String summary = "accounts " + ok + " ok, " + backedOff + " backed off, " + failed + " failed; " + rows + " rows"
                + (failures.isEmpty() ? "" : " (" + shorten(String.join("; ", failures)) + ")");
        if (failed > 0 && ok == 0) {
            throw new IllegalStateException(summary);
        }
        return summary;
    }

    private static String shorten(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
