package io.adplatform.newdevice.api;

import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.Platform;

/** Which device to look up; in a body rather than the URL so device ids stay out of access logs. */
record DeviceLookupRequest(String appId, Platform platform, DeviceIds device) {
}
