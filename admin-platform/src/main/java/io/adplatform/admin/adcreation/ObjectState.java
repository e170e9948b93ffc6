package io.adplatform.admin.adcreation;

/**
 * Where one object of a batch stands.
 * <ul>
 *   <li>PENDING — not sent, or known not to exist (refused without effect, throttled, its dependency failed)</li>
 *   <li>SUBMITTING — sent, outcome unknown: must be looked up by its marker before it is sent again</li>
 *   <li>CREATED — exists at the media with {@code media_id}</li>
 *   <li>FAILED — refused for good (or given up after retries); an operator's retry makes it PENDING again</li>
 * </ul>
 */
public enum ObjectState {
    PENDING, SUBMITTING, CREATED, FAILED
}
