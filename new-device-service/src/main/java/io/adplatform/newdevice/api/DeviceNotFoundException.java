package io.adplatform.newdevice.api;

/** None of the asked identifiers is in the pool. */
class DeviceNotFoundException extends RuntimeException {

    DeviceNotFoundException() {
        super("none of the device's identifiers is in the activation pool of this app");
    }
}
