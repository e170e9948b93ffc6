package io.adplatform.offline.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The reporting store over ClickHouse's HTTP interface: statements, parameterised queries read as JSON rows, and bulk
 * inserts of pre-formatted rows with per-insert settings (such as {@code insert_deduplication_token}). Thread-safe.
 * Kept to what both a ClickHouse server and chDB behind {@code devstack/clickhouse-http} answer.
 */
public class ClickHouse {

    private final HttpClient http;
    private final ClickHouseProperties props;
    private final ObjectMapper json;

    public ClickHouse(ClickHouseProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(props.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String database() {
        return props.database();
    }

    /** Runs a statement (DDL, INSERT ... SELECT, OPTIMIZE) in the platform's database. */
    public void execute(String sql) {
        send(props.database(), Map.of(), sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a statement outside any database of ours, e.g. {@code CREATE DATABASE}. */
    public void executeOnServer(String sql) {
        send("default", Map.of(), sql.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs a query with {@code {name:Type}} placeholders bound server-side from {@code params} (never spliced into the
     * text) and returns its rows as JSON objects. 64-bit integers may come back as strings or numbers: read them with
     * {@link JsonNode#asLong()}.
     */
    public List<JsonNode> query(String sql, Map<String, ?> params) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("default_format", "JSON");
        params.forEach((k, v) -> query.put("param_" + k, v == null ? "\\N" : String.valueOf(v)));
        String body = send(props.database(), query, sql.getBytes(StandardCharsets.UTF_8));
        JsonNode data = json.readTree(body).path("data");
        List<JsonNode> rows = new ArrayList<>(data.size());
        data.forEach(rows::add);
        return rows;
    }

    /**
     * Inserts rows already written in {@code format} (JSONEachRow, TabSeparated, ...) into {@code table}, with settings
     * such as {@code insert_deduplication_token}.
     */
    public void insert(String table, List<String> columns, String format, byte[] rows, Map<String, String> settings) {
        StringJoiner cols = new StringJoiner(", ", " (", ")");
        columns.forEach(cols::add);
        String sql = "INSERT INTO " + table + (columns.isEmpty() ? "" : cols.toString()) + " FORMAT " + format;
        Map<String, String> query = new LinkedHashMap<>(settings);
        query.put("query", sql);
        send(props.database(), query, rows);
    }

    private String send(String database, Map<String, String> query, byte[] body) {
        StringBuilder uri = new StringBuilder(props.url().toString());
        if (uri.charAt(uri.length() - 1) != '/') {
            uri.append('/');
        }
        uri.append("?database=").append(encode(database));
        query.forEach((k, v) -> uri.append('&').append(encode(k)).append('=').append(encode(v)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(props.queryTimeout())
                .header("X-ClickHouse-User", props.user())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!props.password().isEmpty()) {
            request.header("X-ClickHouse-Key", props.password());
        }
        HttpResponse<String> response = exchange(request.build());
        if (response.statusCode() != 200) {
            int code = response.headers().firstValue("X-ClickHouse-Exception-Code").map(Integer::parseInt).orElse(0);
            throw new ClickHouseException(code, response.body().strip(), null);
        }
        return response.body();
    }

    /**
     * Sends once more when the first attempt got no answer at all: an idle keep-alive connection the server had just
     * closed. That is safe for everything sent here — reads, idempotent DDL, and inserts carrying a dedup token.
     */
    private HttpResponse<String> exchange(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt == 2) {
                    throw new ClickHouseException(0, "ClickHouse at " + props.url() + " did not answer: " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClickHouseException(0, "interrupted while waiting for ClickHouse", e);
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
