package io.adplatform.attribution.log;

import java.util.List;

/** A page of log entries, newest first. {@code hasMore} instead of a total: counting a large log costs a scan. */
public record CallbackPage(List<CallbackEntry> items, int page, int size, boolean hasMore) {
}
