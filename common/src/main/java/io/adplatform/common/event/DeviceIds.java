package io.adplatform.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The device identifiers an SDK may know. Any of them may be null; {@link DeviceKeys} decides which one identifies the
 * device and in which order they are tried.
 *
 * @param appsflyerId AppsFlyer's per-install id ({@code \d{13}-\d{19}} on Android, {@code \d{13}-\d{7}} on iOS)
 * @param idfa        iOS advertising id (all zeros when ATT denied)
 * @param idfv        iOS vendor id
 * @param gaid        Google advertising id ({@code advertising_id} at AppsFlyer)
 * @param oaid        Open Anonymous Device Identifier (Android devices without Google services)
 * @param androidId   Android's per app-signing-key id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceIds(String appsflyerId, String idfa, String idfv, String gaid, String oaid, String androidId) {

    public static DeviceIds ofAppsflyer(String appsflyerId) {
        return new DeviceIds(appsflyerId, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return appsflyerId == null && idfa == null && idfv == null && gaid == null && oaid == null && androidId == null;
    }
}
