package io.adplatform.newdevice.api;

import io.adplatform.common.activation.ActivationCheckRequest;
import io.adplatform.common.activation.ActivationCheckResponse;
import io.adplatform.newdevice.pool.ActivationPool;
import io.adplatform.newdevice.pool.CheckOutcome;
import io.adplatform.newdevice.pool.PoolUnavailableException;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Answers a check batch: validate all, ask the pool once, count and time it. */
@Service
class ActivationChecks {

    private static final Logger log = LoggerFactory.getLogger(ActivationChecks.class);

    private final ActivationPool pool;
    private final CheckMetrics metrics;

    ActivationChecks(ActivationPool pool, CheckMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    ActivationCheckResponse answer(ActivationCheckRequest request) {
        CheckRequestValidator.validate(request);
        Timer.Sample sample = metrics.start();
        List<CheckOutcome> outcomes;
        try {
            outcomes = pool.check(request.checks());
        } catch (PoolUnavailableException e) {
            metrics.failed(sample);
            log.atWarn().addKeyValue("batchSize", request.checks().size())
                    .log("activation pool store unavailable: {}", e.getMessage());
            throw e;
        }
        metrics.answered(sample, outcomes);
        return new ActivationCheckResponse(outcomes.stream().map(CheckOutcome::answer).toList());
    }
}
