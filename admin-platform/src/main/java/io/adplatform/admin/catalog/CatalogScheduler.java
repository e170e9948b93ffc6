package io.adplatform.admin.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The periodic pull: copies offline-tasks' products every {@code adplatform.catalog.sync-interval}. It does not run
 * offline-tasks' catalog job (that job has its own schedule); only the on-demand sync does.
 */
@Component
class CatalogScheduler {

    private static final Logger log = LoggerFactory.getLogger(CatalogScheduler.class);

    private final CatalogSync sync;
    private final CatalogProperties props;

    CatalogScheduler(CatalogSync sync, CatalogProperties props) {
        this.sync = sync;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${adplatform.catalog.sync-interval:PT15M}", initialDelayString = "PT30S")
    void pull() {
        if (!props.scheduled()) {
            return;
        }
        try {
            sync.sync(false, null).ifPresent(r -> log.info("Catalog pulled: {} read, {} changed, {} skipped", r.read(),
                    r.changed(), r.skipped()));
        } catch (RuntimeException e) {
            log.warn("Catalog pull failed; next in {}: {}", props.syncInterval(), e.getMessage());
        }
    }
}
