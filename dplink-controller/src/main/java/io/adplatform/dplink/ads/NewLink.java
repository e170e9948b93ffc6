package io.adplatform.dplink.ads;

/** A link being uploaded, already validated; {@code cap} null takes the ad's default. */
public record NewLink(String url, String urlSha256, Integer cap) {
}
