package io.adplatform.admin.onboarding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs due onboarding steps every {@code adplatform.onboarding.poll-interval}. Any number of instances may run it:
 * steps are claimed with skipped row locks and leases ({@link OnboardingRunner}).
 */
@Component
class OnboardingWorker {

    private static final Logger log = LoggerFactory.getLogger(OnboardingWorker.class);
    /** Bounds one tick so a long backlog does not hold the scheduler thread for ever. */
    static final int MAX_STEPS_PER_TICK = 50;

    private final OnboardingRunner runner;
    private final OnboardingProperties props;

    OnboardingWorker(OnboardingRunner runner, OnboardingProperties props) {
        this.runner = runner;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${adplatform.onboarding.poll-interval:PT5S}",
            initialDelayString = "${adplatform.onboarding.poll-interval:PT5S}")
    void tick() {
        if (!props.workerEnabled()) {
            return;
        }
        try {
            runner.runDue(MAX_STEPS_PER_TICK);
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next tick tries again, leases protect the steps.
            log.warn("Onboarding worker tick failed: {}", e.toString());
        }
    }
}
