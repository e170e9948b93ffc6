package io.adplatform.offline.dashboards;

import io.adplatform.offline.scheduler.JobRun;
import io.adplatform.offline.scheduler.ScheduledJob;
import java.util.List;
import java.util.Map;

/**
 * The {@code close-product-days} job: closes the product dashboards' past days into plain numbers
 * ({@link ProductDayCloser}). Each run closes every day before today (UTC) not closed yet — on the first run, every day
 * already loaded, in bounded batches — and closes the last few days again for late events. Manual parameter
 * {@code days} (1..{@value #MAX_DAYS}): close the last {@code days} days again instead (events that came later than the
 * usual window).
 */
class CloseProductDaysJob implements ScheduledJob {

    static final String NAME = "close-product-days";
    static final int MAX_DAYS = 800;

    private final ProductDayCloser closer;
    private final String cron;

    CloseProductDaysJob(ProductDayCloser closer, String cron) {
        this.closer = closer;
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
        Map<String, String> p = run.parameters();
        List<String> unknown = p.keySet().stream().filter(k -> !k.equals("days")).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("bad run parameters: " + String.join(", ", unknown)
                    + ": unknown parameter (known: days)");
        }
        Integer days = null;
        if (p.get("days") != null) {
            try {
                days = Integer.parseInt(p.get("days").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad run parameters: days: must be a whole number");
            }
            if (days < 1 || days > MAX_DAYS) {
                throw new IllegalArgumentException("bad run parameters: days: must be 1.." + MAX_DAYS);
            }
        }
        ProductDayCloser.Outcome o = closer.closeDays(days);
        return "closed " + o.closed().size() + " days" + span(o.closed()) + ", closed again " + o.reclosed().size()
                + span(o.reclosed()) + " in " + o.millis() + " ms";
    }

    private static String span(List<?> days) {
        return days.isEmpty() ? "" : " (" + days.get(0) + ".." + days.get(days.size() - 1) + ")";
    }
}
