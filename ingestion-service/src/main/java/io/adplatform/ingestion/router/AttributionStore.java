package io.adplatform.ingestion.router;

import java.util.List;
import java.util.Map;

/** Devices' install attribution, by {@code (appId, deviceKey)} where deviceKey is e.g. {@code gaid:3840...}. */
public interface AttributionStore {

    /** Found entries only; keys are {@code appId + ':' + deviceKey}. */
    Map<String, DeviceAttribution> findAll(List<String> appDeviceKeys);

    /** Writes are idempotent: a redelivered batch writes the same values again. */
    void putAll(Map<String, DeviceAttribution> byAppDeviceKey);
}
