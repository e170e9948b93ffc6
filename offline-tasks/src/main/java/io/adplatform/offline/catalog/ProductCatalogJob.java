package io.adplatform.offline.catalog;

import io.adplatform.offline.scheduler.JobRun;
import io.adplatform.offline.scheduler.ScheduledJob;

/** {@code product-catalog-sync}: the catalog sync on {@code adplatform.catalog.cron}; on demand through its trigger. */
class ProductCatalogJob implements ScheduledJob {

    static final String NAME = "product-catalog-sync";

    private final ProductCatalogSync sync;
    private final String cron;

    ProductCatalogJob(ProductCatalogSync sync, String cron) {
        this.sync = sync;
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
    public String run(JobRun run) throws Exception {
        return sync.sync().summary();
    }
}
