package io.adplatform.common.event;

public enum Platform {
    IOS,
    ANDROID
}
