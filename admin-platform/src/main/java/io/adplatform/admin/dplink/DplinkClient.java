package io.adplatform.admin.dplink;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.web.ServiceTokenFilter;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * dplink-controller's pool API with the service token. Its refusals become ours: a 4xx keeps its status, detail and
 * the fields it named; a 5xx is a 502; not reached (connection refused or timed out) is a 503 — nothing happened
 * there, the operator may try again; reached but no answer in time is a 504 — the change may have been made.
 */
class DplinkClient {

    /** A successful answer: status and JSON body (null when there is none). */
    record Reply(int status, JsonNode body) {
    }

    private final RestClient http;

    DplinkClient(RestClient.Builder builder, DplinkProperties properties, String serviceToken) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.baseUrl(properties.baseUrl()).requestFactory(requests)
                .defaultHeader(ServiceTokenFilter.HEADER, serviceToken).build();
    }

    Reply get(String path) {
        return call(HttpMethod.GET, path, null);
    }

    /** Ids go in the path as given: callers pass checked ids only. */
    Reply call(HttpMethod method, String path, JsonNode body) {
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(path).accept(MediaType.APPLICATION_JSON,
                    MediaType.APPLICATION_PROBLEM_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(EventJson.mapper().writeValueAsBytes(body));
            }
            return request.exchange((req, res) -> {
                int status = res.getStatusCode().value();
                byte[] bytes = res.getBody().readAllBytes();
                JsonNode json = bytes.length == 0 ? null : parse(bytes);
                if (status >= 500) {
                    throw new ApiProblem(HttpStatus.BAD_GATEWAY, "dplink-controller failed (HTTP " + status
                            + "); try again later", List.of());
                }
                if (status >= 400) {
                    throw refusal(status, json);
                }
                return new Reply(status, json);
            });
        } catch (ResourceAccessException e) {
            if (readTimedOut(e)) {
                throw new ApiProblem(HttpStatus.GATEWAY_TIMEOUT, "dplink-controller did not answer in time; the "
                        + "change may have been made there: look at the pool before trying again", List.of());
            }
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                    "dplink-controller is unreachable; nothing was changed there, try again later", List.of());
        }
    }

    /** Connected and asked, but no answer in time (unlike a refused or timed-out connection: never reached). */
    private static boolean readTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException || t instanceof java.net.ConnectException) {
                return false;
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(byte[] bytes) throws IOException {
        try {
            return EventJson.mapper().readTree(bytes);
        } catch (JacksonException e) {
            throw new IOException("dplink-controller answered something that is not JSON", e);
        }
    }

    /** Its problem, as ours: same status, its detail, its fields. */
    private static ApiProblem refusal(int status, JsonNode problem) {
        HttpStatus s = HttpStatus.resolve(status);
        String detail = problem != null && problem.hasNonNull("detail") ? problem.get("detail").asString()
                : "dplink-controller refused the request (HTTP " + status + ")";
        List<FieldError> errors = new ArrayList<>();
        if (problem != null && problem.has("errors")) {
            for (JsonNode e : problem.get("errors")) {
                errors.add(new FieldError(e.path("field").asString(), e.path("message").asString()));
            }
        }
        return new ApiProblem(s == null ? HttpStatus.BAD_REQUEST : s, detail, errors);
    }
}
