package io.adplatform.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request a fake received, with what it answered.
 *
 * @param contentType the content type of the answer
 * @param accepted true when the partner would have taken the event(s): validation passed and no scripted failure
 * @param reason   why it was refused (null when accepted), in words a test can assert on
 * @param eventIds the event ids (Meta {@code event_id}, TikTok {@code event_id}) the request carried; empty for AppsFlyer
 */
public record ReceivedRequest(long seq, Instant at, String partner, String method, String path, String query,
                              Map<String, String> headers, String body, int status, String contentType, String response,
                              boolean accepted,
                              String reason, List<String> eventIds) {
}
