package io.adplatform.ingestion.router;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckResult;
import java.util.List;

/** new-device-service's activation pool: is each device new? One answer per check, in order. */
public interface ActivationPool {

    /** Throws when the pool cannot answer; the caller retries the whole batch. */
    List<ActivationCheckResult> check(List<ActivationCheck> checks);
}
