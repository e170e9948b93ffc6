package io.adplatform.ingestion.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads request bodies with a size limit: refused on {@code Content-Length} before reading, and again while reading. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The body's bytes, or a 413 {@link RequestRejected} ({@code body_too_large}) when it is larger than {@code max}. */
    public static byte[] read(HttpServletRequest request, long max) throws IOException {
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw tooLarge(max);
            }
            return body;
        }
    }

    private static RequestRejected tooLarge(long max) {
        return new RequestRejected(413, "body_too_large", "Content Too Large",
                "the body is larger than " + max + " bytes; send smaller batches", List.of(), null);
    }
}
