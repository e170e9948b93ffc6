package io.adplatform.common.event;

/** What an app reported. {@code CUSTOM} events carry their own {@link SdkEvent#eventName()}. */
public enum EventType {
    ACTIVATION,
    LOGIN,
    PAYMENT,
    CUSTOM
}
