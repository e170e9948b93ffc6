package io.adplatform.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request a fake received, with what it answered.
 *
 * @param contentType the content type of the answer
 * @param accepted true when the partner would have taken the event(s) or applied the change: validation passed and no
 *                 scripted failure (or a failure scripted with {@link PartnerFake#failNextAfterAccepting})
 * @param reason   why it was refused, in words a test can assert on; null when accepted, except for a failure scripted
 *                 after accepting (or a create failed after creating) and a Meta batch with failed operations, where
 *                 it names them
 * @param eventIds the event ids (Meta {@code event_id}, TikTok {@code event_id}, generic DSP {@code requestId}) the
 *                 request carried; empty for AppsFlyer and the Marketing API fakes
 * @param responseHeaders headers of the answer besides {@code Content-Type}
 */
public record ReceivedRequest(long seq, Instant at, String partner, String method, String path, String query,
                              Map<String, String> headers, String body, int status, String contentType, String response,
                              boolean accepted,
                              String reason, List<String> eventIds, Map<String, String> responseHeaders) {
}
