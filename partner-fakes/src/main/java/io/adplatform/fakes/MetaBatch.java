package io.adplatform.fakes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graph API batch requests ({@code batch=[{method, relative_url, body, name, depends_on, omit_response_on_success}]}):
 * parsing, running the operations in order, resolving {@code {result=<name>:<JSONPath>}} references from earlier
 * answers and assembling the answer array. What each operation does is the caller's {@link Operation}.
 */
final class MetaBatch {

    /** Graph's limit on operations per batch. */
    static final int MAX_OPS = 50;
    /** A reference as written, and URL-encoded inside a form body ({@code %7Bresult%3D...%7D}). */
    private static final Pattern REFERENCE = Pattern.compile("\\{result=([^:}]+):([^}]+)}");
    private static final Pattern ENCODED_REFERENCE =
            Pattern.compile("%7Bresult%3D(.+?)%3A(.+?)%7D", Pattern.CASE_INSENSITIVE);
    /** The content type Graph gives each operation's answer. */
    static final String OP_CONTENT_TYPE = "text/javascript; charset=UTF-8";

    /** One operation of the batch, as sent. */
    record Op(int index, String method, String relativeUrl, String body, String name, String dependsOn,
              Boolean omitResponseOnSuccess) {

        String label() {
            return "batch[" + index + "]" + (name == null ? "" : " (" + name + ")");
        }
    }

    /** The operations, or why the whole batch is refused. */
    record Parsed(List<Op> ops, String error, String reason) {
    }

    /** Runs one operation, references already resolved. */
    interface Operation {
        PartnerFake.Verdict run(String method, String relativeUrl, String body);
    }

    /** The answer array and, per failed operation, why. */
    record Outcome(ArrayNode answers, List<String> failures) {
    }

    private record Done(boolean ok, JsonNode body) {
    }

    private MetaBatch() {
    }

    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return refused("(#100) The parameter batch is required", "batch missing");
        }
        JsonNode batch = FakeJson.parseOrNull(text);
        if (batch == null || !batch.isArray()) {
            return refused("(#100) Param batch must be a JSON-encoded array of requests", "batch is not a JSON array");
        }
        if (batch.isEmpty()) {
            return refused("(#100) Param batch must contain at least one request", "batch empty");
        }
        if (batch.size() > MAX_OPS) {
            return refused("(#100) Too many requests in batch message. Maximum batch size is " + MAX_OPS,
                    "batch of " + batch.size() + " operations, more than " + MAX_OPS);
        }
        List<Op> ops = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode o = batch.get(i);
            String at = "batch[" + i + "]";
            if (!o.isObject()) {
                return refused("(#100) " + at + " must be an object", at + " is not an object");
            }
            String method = text(o.get("method"));
            String url = text(o.get("relative_url"));
            if (method == null || method.isBlank() || url == null || url.isBlank()) {
                return refused("(#100) " + at + " needs a method and a relative_url", at + " without method or relative_url");
            }
            JsonNode body = o.get("body");
            if (body != null && !body.isNull() && !body.isString()) {
                return refused("(#100) " + at + ".body must be a URL-encoded string (name=value&...)",
                        at + ".body is not a string");
            }
            String name = text(o.get("name"));
            if (name != null && !names.add(name)) {
                return refused("(#100) " + at + ": the operation name " + name + " is used twice",
                        at + " repeats name " + name);
            }
            JsonNode omit = o.get("omit_response_on_success");
            if (omit != null && !omit.isNull() && !omit.isBoolean()) {
                return refused("(#100) " + at + ".omit_response_on_success must be a boolean",
                        at + ".omit_response_on_success is not a boolean");
            }
            ops.add(new Op(i, method.toUpperCase(Locale.ROOT), url, body == null || body.isNull() ? null
                    : body.stringValue(), name, text(o.get("depends_on")),
                    omit == null || omit.isNull() ? null : omit.booleanValue()));
        }
        return new Parsed(List.copyOf(ops), null, null);
    }

    /**
     * Runs the operations in order. An operation whose {@code depends_on} or reference names a failed, later or
     * unknown operation is not run and answers an error. A named operation referenced by a later one answers
     * {@code null} on success unless {@code omit_response_on_success} is false (Graph's default);
     * {@code omit_response_on_success: true} drops any successful answer.
     */
    static Outcome run(List<Op> ops, Operation operation, boolean includeHeaders) {
        Set<String> referenced = new HashSet<>();
        for (Op op : ops) {
            referenced.addAll(references(op));
        }
        Map<String, Done> done = new HashMap<>();
        ArrayNode answers = FakeJson.MAPPER.createArrayNode();
        List<String> failures = new ArrayList<>();
        for (Op op : ops) {
            Set<String> needs = new LinkedHashSet<>();
            if (op.dependsOn() != null) {
                needs.add(op.dependsOn());
            }
            needs.addAll(references(op));
            String problem = null;
            for (String need : needs) {
                Done d = done.get(need);
                if (d == null) {
                    problem = "(#100) " + op.label() + " depends on operation '" + need
                            + "', which is not an earlier operation of this batch";
                } else if (!d.ok()) {
                    problem = "(#100) " + op.label() + " was not run: the operation it depends on ('" + need
                            + "') failed";
                }
                if (problem != null) {
                    break;
                }
            }
            String url = op.relativeUrl();
            String body = op.body();
            if (problem == null) {
                Resolved u = resolve(url, done);
                Resolved b = body == null ? new Resolved(null, null) : resolve(body, done);
                problem = u.problem() != null ? u.problem() : b.problem();
                url = u.text();
                body = b.text();
            }
            if (problem != null) {
                failures.add(op.label() + ": " + problem);
                if (op.name() != null) {
                    done.put(op.name(), new Done(false, null));
                }
                answers.add(answer(400, OP_CONTENT_TYPE, Map.of(),
                        MetaFake.error(problem, 100, null, false, null, null), includeHeaders));
                continue;
            }
            PartnerFake.Verdict v = operation.run(op.method(), url, body);
            FakeResponse r = v.response();
            boolean ok = r.status() == 200;
            if (op.name() != null) {
                done.put(op.name(), new Done(ok, FakeJson.parseOrNull(r.body())));
            }
            if (!ok) {
                failures.add(op.label() + ": " + v.reason());
            }
            boolean omit = Boolean.TRUE.equals(op.omitResponseOnSuccess())
                    || op.omitResponseOnSuccess() == null && op.name() != null && referenced.contains(op.name());
            if (ok && omit) {
                answers.addNull();
            } else {
                answers.add(answer(r.status(), OP_CONTENT_TYPE, r.headers(), r.body(), includeHeaders));
            }
        }
        return new Outcome(answers, failures);
    }

    private static ObjectNode answer(int code, String contentType, Map<String, String> headers, String body,
                                     boolean includeHeaders) {
        ObjectNode a = FakeJson.MAPPER.createObjectNode();
        a.put("code", code);
        if (includeHeaders) {
            ArrayNode h = a.putArray("headers");
            h.addObject().put("name", "Content-Type").put("value", contentType);
            headers.forEach((name, value) -> h.addObject().put("name", name).put("value", value));
        }
        a.put("body", body);
        return a;
    }

    /** The operation names an op refers to with {@code {result=name:...}}, written plainly or URL-encoded. */
    private static Set<String> references(Op op) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : new String[] {op.relativeUrl(), op.body()}) {
            if (text == null) {
                continue;
            }
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
            Matcher e = ENCODED_REFERENCE.matcher(text);
            while (e.find()) {
                out.add(URLDecoder.decode(e.group(1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private record Resolved(String text, String problem) {
    }

    /** Replaces each reference by the values its JSONPath selects in the named answer, comma-separated. */
    private static Resolved resolve(String text, Map<String, Done> done) {
        String[] problem = new String[1];
        String out = replace(REFERENCE.matcher(text), done, false, problem);
        if (problem[0] == null) {
            out = replace(ENCODED_REFERENCE.matcher(out), done, true, problem);
        }
        return new Resolved(out, problem[0]);
    }

    private static String replace(Matcher m, Map<String, Done> done, boolean encoded, String[] problem) {
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = encoded ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : m.group(1);
            String path = encoded ? URLDecoder.decode(m.group(2), StandardCharsets.UTF_8) : m.group(2);
            Done d = done.get(name);
            List<String> values = d == null || d.body() == null ? null : jsonPath(d.body(), path);
            if (values == null || values.isEmpty()) {
                problem[0] = "(#100) Cannot resolve {result=" + name + ":" + path + "}: "
                        + (values == null ? "not a JSONPath this batch supports ($.a.b, $.data.*.id, $.data[0].id)"
                        : "it selects nothing in the answer of " + name);
                m.appendReplacement(sb, "");
                continue;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(String.join(",", values)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * The scalar values a small JSONPath selects: {@code $} then {@code .name}, {@code .*}, {@code .N}, {@code [N]}
     * or {@code [*]}; null when the path is not of that form.
     */
    static List<String> jsonPath(JsonNode root, String path) {
        String p = path.strip();
        if (!p.startsWith("$")) {
            return null;
        }
        List<JsonNode> current = List.of(root);
        int i = 1;
        while (i < p.length()) {
            String segment;
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                segment = p.substring(i + 1, end);
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    return null;
                }
                segment = p.substring(i + 1, end).strip();
                i = end + 1;
            } else {
                return null;
            }
            if (segment.isEmpty()) {
                return null;
            }
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                if ("*".equals(segment)) {
                    n.forEach(next::add);
                } else if (n.isArray() && segment.matches("\\d+")) {
                    JsonNode x = n.get(Integer.parseInt(segment));
                    if (x != null) {
                        next.add(x);
                    }
                } else if (n.isObject() && n.has(segment)) {
                    next.add(n.get(segment));
                }
            }
            current = next;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode n : current) {
            if (n.isValueNode() && !n.isNull()) {
                values.add(n.isString() ? n.stringValue() : n.asString());
            }
        }
        return values;
    }

    private static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    private static Parsed refused(String error, String reason) {
        return new Parsed(List.of(), error, reason);
    }
}
