package io.adplatform.attribution.delivery;

import java.net.URI;
import java.util.Map;

/** A partner adapter's answer to "build the request": a call to make, or the reason there can be none. */
public sealed interface Prepared {

    /** One HTTP POST. {@code toString} leaves out headers and body: they carry credentials. */
    record Call(URI uri, Map<String, String> headers, String body) implements Prepared {

        @Override
        public String toString() {
            return "Call[POST " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + ", " + body.length()
                    + " chars]";
        }
    }

    /** The event lacks what the partner needs (e.g. no appsflyer_id): dead-lettered without a call. */
    record Unsendable(String reason) implements Prepared {
    }
}
