package io.adplatform.offline.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One pass over the upstream catalog: every page read (each with retries), each product inserted when new, rewritten
 * only when its content changed (new version and {@code synced_at}), left alone otherwise; a malformed item is skipped
 * and counted. Only after the last page was read are products absent upstream marked ARCHIVED (never deleted) — a
 * sync that fails half-way archives nothing. Safe to run again: it converges on the catalog's state.
 */
public class ProductCatalogSync {

    /** What a sync did. */
    public record Result(int pages, int items, int inserted, int updated, int unchanged, int archived, int malformed,
                         int retries) {

        public String summary() {
            return "pages " + pages + ", items " + items + ": inserted " + inserted + ", updated " + updated
                    + ", unchanged " + unchanged + ", archived " + archived + ", malformed " + malformed
                    + (retries > 0 ? ", retried requests " + retries : "");
        }
    }

    static final int MAX_PAGES = 100_000;
    private static final Logger log = LoggerFactory.getLogger(ProductCatalogSync.class);

    private final CatalogClient client;
    private final ProductRepository products;
    private final int pageSize;
    private final Clock clock;

    public ProductCatalogSync(CatalogClient client, ProductRepository products, int pageSize, Clock clock) {
        this.client = client;
        this.products = products;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    public Result sync() throws InterruptedException {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        int pages = 0;
        int items = 0;
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        int malformed = 0;
        int retries = 0;
        Integer page = 1;
        while (page != null) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("catalog sync interrupted at page " + page);
            }
            if (pages >= MAX_PAGES) {
                throw new CatalogException("the catalog has more than " + MAX_PAGES + " pages; stopping");
            }
            CatalogClient.Page p = client.page(page, pageSize);
            pages++;
            retries += p.attempts() - 1;
            Map<String, Product> good = new LinkedHashMap<>();
            for (JsonNode item : p.items()) {
                items++;
                CatalogItems.Parsed parsed = CatalogItems.parse(item);
                if (parsed.appId() != null) {
                    seen.add(parsed.appId());
                }
                if (parsed.product() == null) {
                    malformed++;
                    log.warn("catalog item skipped (page {}, appId {}): {}", page, parsed.appId(), parsed.problem());
                } else {
                    good.put(parsed.product().appId(), parsed.product());
                }
            }
            Map<String, ProductRepository.Stored> stored = products.stored(good.keySet());
            for (Product product : good.values()) {
                String hash = product.contentHash();
                ProductRepository.Stored s = stored.get(product.appId());
                if (s == null) {
                    if (products.insert(product, hash, now)) {
                        inserted++;
                    } else {
                        unchanged++;
                    }
                } else if (s.contentHash().equals(hash) && !s.missing()) {
                    unchanged++;
                } else {
                    products.update(product, hash, now);
                    updated++;
                }
            }
            page = p.nextPage();
        }
        List<String> missing = products.presentNotIn(seen);
        if (seen.isEmpty() && !missing.isEmpty()) {
            throw new CatalogException("the catalog listed no products at all; not archiving the " + missing.size()
                    + " known ones (archive them upstream one by one if that is really meant)");
        }
        int archived = products.archiveMissing(missing, now);
        return new Result(pages, items, inserted, updated, unchanged, archived, malformed, retries);
    }
}
