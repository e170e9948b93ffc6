package io.adplatform.offline.reports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which days a run pulls. Scheduled: today − {@code repullDays} … yesterday, plus today when configured, plus the
 * account's failed days still pending. A manual run may pass {@code days} (the same window, N days back) or
 * {@code from} and {@code to} (exactly those days, clipped to the account's today), and {@code account}
 * ({@code meta/123}) to pull one account only.
 *
 * @param days    null: the configured window
 * @param from    with {@code to}: an explicit range
 * @param account null: every enabled account
 * @param product null: every product's accounts
 */
public record PullRequest(Integer days, LocalDate from, LocalDate to, String account, String product) {

    static final int MAX_DAYS = 400;
    static final Set<String> PARAMETERS = Set.of("days", "from", "to", "account", "product");

    public static PullRequest scheduled() {
        return new PullRequest(null, null, null, null, null);
    }

    /** A run's parameters; refuses unknown or malformed ones with a message naming them. */
    public static PullRequest parse(Map<String, String> params) {
        List<String> problems = new ArrayList<>();
        params.keySet().stream().filter(k -> !PARAMETERS.contains(k)).sorted()
                .forEach(k -> problems.add(k + ": unknown parameter (known: days, from, to, account, product)"));
        Integer days = null;
        if (params.get("days") != null) {
            try {
                days = Integer.valueOf(params.get("days").strip());
                if (days < 0 || days > MAX_DAYS) {
                    problems.add("days: must be 0.." + MAX_DAYS);
                }
            } catch (NumberFormatException e) {
                problems.add("days: must be a whole number");
            }
        }
        LocalDate from = date(params, "from", problems);
        LocalDate to = date(params, "to", problems);
        if (params.containsKey("from") != params.containsKey("to")) {
            problems.add((params.containsKey("from") ? "to" : "from") + ": from and to go together");
        }
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                problems.add("from: must be on or before to");
            } else if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                problems.add("to: at most " + MAX_DAYS + " days from 'from'");
            }
            if (days != null) {
                problems.add("days: pass either days or from/to");
            }
        }
        String account = params.get("account");
        if (account != null && !account.matches("(meta|tiktok)/[0-9A-Za-z_]{1,64}")) {
            problems.add("account: must be <media>/<accountId>, e.g. meta/123");
        }
        String product = params.get("product");
        if (product != null && (product.isBlank() || product.length() > 128)) {
            problems.add("product: must be an app id of 1 to 128 characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad run parameters: " + String.join("; ", problems));
        }
        return new PullRequest(days, from, to, account, product);
    }

    private static LocalDate date(Map<String, String> params, String name, List<String> problems) {
        String text = params.get(name);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(name + ": must be a date YYYY-MM-DD");
            return null;
        }
    }

    public boolean explicitRange() {
        return from != null;
    }

    public boolean covers(ReportAccount a) {
        return (account == null || account.equals(a.key())) && (product == null || product.equals(a.productId()));
    }

    /** The days to pull for an account whose local date is {@code today}, before pending days are added. */
    public NavigableSet<LocalDate> days(LocalDate today, int repullDays, boolean includeToday) {
        NavigableSet<LocalDate> out = new TreeSet<>();
        if (from != null) {
            for (LocalDate d = from; !d.isAfter(to) && !d.isAfter(today); d = d.plusDays(1)) {
                out.add(d);
            }
            return out;
        }
        int n = days == null ? repullDays : days;
        for (LocalDate d = today.minusDays(n); d.isBefore(today); d = d.plusDays(1)) {
            out.add(d);
        }
        if (includeToday) {
            out.add(today);
        }
        return out;
    }

    /** Consecutive runs of days, each pulled with one range query. */
    public static List<LocalDate[]> ranges(NavigableSet<LocalDate> days) {
        List<LocalDate[]> out = new ArrayList<>();
        LocalDate start = null;
        LocalDate prev = null;
        for (LocalDate d : days) {
            if (start == null) {
                start = d;
            } else if (!d.equals(prev.plusDays(1))) {
                out.add(new LocalDate[] {start, prev});
                start = d;
            }
            prev = d;
        }
        if (start != null) {
            out.add(new LocalDate[] {start, prev});
        }
        return out;
    }
}
