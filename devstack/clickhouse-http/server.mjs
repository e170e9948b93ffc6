// A ClickHouse engine (chDB, ClickHouse 26.x in-process) behind the part of ClickHouse's HTTP interface that
// offline-tasks and its tests use, so they run against a real engine where no ClickHouse server can run.
// Production points the same client at a ClickHouse server; this is for tests and local runs only.
//
//   node server.mjs [--port 8123] [--host 127.0.0.1] [--path ./data] [--spool DIR]
//
// What it answers, as ClickHouse does (https://clickhouse.com/docs/interfaces/http):
//   GET /ping                               -> "Ok.\n"
//   GET|POST /?query=SQL                    -> the result; a POST body is appended to the query text
//   POST /?query=INSERT INTO t [(cols)] FORMAT F, body = rows  -> inserted (F: JSONEachRow, JSONCompactEachRow, TSV,
//                                              TabSeparated, CSV and their WithNames variants)
//   POST / with the SQL as the body
// An insert's body is written to a file in the spool directory (default: a new directory under /dev/shm, else the
// system's temporary directory) and inserted with INSERT ... FROM INFILE, which costs the engine far less CPU per row
// than chDB's inline insert; the file is removed once the insert is done.
// Parameters: database (or X-ClickHouse-Database), default_format (or X-ClickHouse-Format), param_<name> for
// {name:Type} placeholders, query_id, and any other parameter as a query-level setting (for example
// insert_deduplication_token). Content-Encoding: gzip bodies are read. Errors answer "Code: N. DB::Exception: ..."
// with X-ClickHouse-Exception-Code and the status ClickHouse would use for the common codes (400, 404, 500).
// One chDB connection serves every request, one query at a time, in arrival order.
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { randomUUID } from "node:crypto";
import { Session } from "chdb";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const port = Number(args.port ?? process.env.CLICKHOUSE_HTTP_PORT ?? 8123);
const host = args.host ?? "127.0.0.1";
const path = args.path ?? process.env.CHDB_PATH ?? "./data";

// Insert bodies are handed to the engine through a file here (memory-backed where the machine has /dev/shm).
const spool = fs.mkdtempSync(join(args.spool ?? (fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir()), "clickhouse-http-"));

const session = new Session(path);
const VERSION = session.query("SELECT version()", "TabSeparated").trim();

// Parameters that are not settings.
const RESERVED = new Set([
  "query", "database", "default_format", "query_id", "user", "password", "compress", "decompress", "session_id",
  "session_timeout", "session_check", "buffer_size", "wait_end_of_query", "enable_http_compression", "quota_key",
]);
const INSERT_FORMATS = new Set([
  "JSONEachRow", "JSONCompactEachRow", "CSV", "CSVWithNames", "TSV", "TabSeparated", "TSVWithNames",
  "TabSeparatedWithNames",
]);
const INSERT = /^\s*INSERT\s+INTO\s+([`"\w.]+)\s*(?:\(([^)]*)\))?\s*FORMAT\s+(\w+)\s*$/i;
const CONTENT_TYPES = {
  JSON: "application/json; charset=UTF-8",
  JSONCompact: "application/json; charset=UTF-8",
  JSONEachRow: "application/x-ndjson; charset=UTF-8",
  JSONCompactEachRow: "application/x-ndjson; charset=UTF-8",
  CSV: "text/csv; charset=UTF-8; header=absent",
  CSVWithNames: "text/csv; charset=UTF-8; header=present",
};
// Exception codes ClickHouse's HTTP handler answers with a 4xx.
const STATUS_BY_CODE = new Map([
  [62, 400], [47, 400], [27, 400], [26, 400], [6, 400], [38, 400], [53, 400], [70, 400], [72, 400], [117, 400],
  [36, 400], [42, 400], [43, 400], [44, 400], [456, 400], [457, 400], [115, 400], [16, 400], [10, 404], [60, 404],
  [81, 404], [57, 500], [516, 403], [497, 403],
]);

let currentDatabase = "default";
let queue = Promise.resolve();

/** Runs fn after every earlier request's work: the one connection serves one query at a time. */
function serialized(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

function quoteSetting(value) {
  return /^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** {@code SETTINGS a = 1, b = 'x'} for an INSERT, each name checked as an identifier; empty when there are none. */
function settingsClause(settings) {
  const names = Object.keys(settings);
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw Object.assign(new Error(`Code: 115. DB::Exception: Unknown setting '${name}' (UNKNOWN_SETTING)`), { clickhouseCode: 115 });
    }
  }
  return names.length === 0 ? "" : ` SETTINGS ${names.map((n) => `${n} = ${quoteSetting(String(settings[n]))}`).join(", ")}`;
}

async function useDatabase(database) {
  if (database && database !== currentDatabase) {
    await session.queryAsync(`USE \`${database.replace(/`/g, "")}\``);
    currentDatabase = database;
  }
}

async function execute({ sql, body, database, format, params, settings }) {
  return serialized(async () => {
    await useDatabase(database);
    const insert = body && body.length > 0 ? INSERT.exec(sql) : null;
    if (insert) {
      const [, table, columns, insertFormat] = insert;
      if (!INSERT_FORMATS.has(insertFormat)) {
        throw Object.assign(new Error(`Code: 73. DB::Exception: Unknown or unsupported input format ${insertFormat} (UNKNOWN_FORMAT)`), { clickhouseCode: 73 });
      }
      if (columns && !columns.split(",").every((c) => /^\s*(`\w+`|"\w+"|\w+)\s*$/.test(c))) {
        throw Object.assign(new Error(`Code: 62. DB::Exception: Syntax error: bad column list (${columns}) (SYNTAX_ERROR)`), { clickhouseCode: 62 });
      }
      // Through a file: chDB's inline insert of the same bytes cost 5 µs of CPU per row against 2 (see the header).
      const file = join(spool, `${randomUUID()}.${insertFormat}`);
      fs.writeFileSync(file, body);
      try {
        const result = await session.queryAsync(`INSERT INTO ${table}${columns ? ` (${columns})` : ""} FROM INFILE '${file}'`
          + `${settingsClause(settings)} FORMAT ${insertFormat}`);
        return { text: "", summary: { read_rows: result.rowsRead, read_bytes: result.bytesRead, elapsed_ns: Math.round(result.elapsed * 1e9) } };
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
    const text = body && body.length > 0 ? `${sql ?? ""}${sql ? "\n" : ""}${body.toString("utf8")}` : sql;
    const names = Object.keys(settings);
    for (const name of names) {
      await session.queryAsync(`SET ${name} = ${quoteSetting(String(settings[name]))}`);
    }
    try {
      const result = Object.keys(params).length > 0
        ? await session.queryBindAsync(text, params, { format })
        : await session.queryAsync(text, { format });
      return { text: result.bytes(), summary: { read_rows: result.rowsRead, read_bytes: result.bytesRead, elapsed_ns: Math.round(result.elapsed * 1e9) } };
    } finally {
      for (const name of names) {
        await session.queryAsync(`SET ${name} = DEFAULT`).catch(() => {});
      }
      // A USE inside the query text moves the connection; read where it is now.
      if (/^\s*USE\s/i.test(text)) {
        currentDatabase = (await session.queryAsync("SELECT currentDatabase()", { format: "TabSeparated" })).text().trim();
      }
    }
  });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let body = Buffer.concat(chunks);
      if ((req.headers["content-encoding"] ?? "").toLowerCase() === "gzip" && body.length > 0) {
        body = gunzipSync(body);
      }
      resolve(body);
    });
    req.on("error", reject);
  });
}

function codeOf(error) {
  if (Number.isInteger(error.clickhouseCode)) return error.clickhouseCode;
  const m = /Code: (\d+)\./.exec(error.message ?? "");
  return m ? Number(m[1]) : 1002;
}

function messageOf(error, code) {
  const message = (error.message ?? String(error)).replace(/^Query failed: /, "");
  const text = message.startsWith("Code: ") ? message : `Code: ${code}. DB::Exception: ${message}`;
  return `${text} (version ${VERSION})\n`;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host ?? "localhost"}`);
  const queryId = url.searchParams.get("query_id") ?? randomUUID();
  res.setHeader("X-ClickHouse-Server-Display-Name", "chdb");
  res.setHeader("X-ClickHouse-Query-Id", queryId);
  if (url.pathname === "/ping" || (url.pathname === "/" && req.method === "GET" && !url.searchParams.has("query"))) {
    res.writeHead(200, { "Content-Type": "text/plain; charset=UTF-8" }).end("Ok.\n");
    return;
  }
  if (url.pathname !== "/" || (req.method !== "GET" && req.method !== "POST")) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=UTF-8" }).end(`There is no handle ${url.pathname}\n`);
    return;
  }
  try {
    const body = await readBody(req);
    const params = {};
    const settings = {};
    for (const [name, value] of url.searchParams) {
      if (name.startsWith("param_")) params[name.slice(6)] = value;
      else if (!RESERVED.has(name)) settings[name] = value;
    }
    const sql = url.searchParams.get("query");
    if (!sql && body.length === 0) {
      throw Object.assign(new Error("Code: 62. DB::Exception: Empty query (SYNTAX_ERROR)"), { clickhouseCode: 62 });
    }
    const format = url.searchParams.get("default_format") ?? req.headers["x-clickhouse-format"] ?? "TabSeparated";
    const database = url.searchParams.get("database") ?? req.headers["x-clickhouse-database"] ?? "default";
    const result = await execute({ sql: sql ?? body.toString("utf8"), body: sql ? body : null, database, format, params, settings });
    res.writeHead(200, {
      "Content-Type": CONTENT_TYPES[format] ?? "text/tab-separated-values; charset=UTF-8",
      "X-ClickHouse-Format": format,
      "X-ClickHouse-Summary": JSON.stringify(result.summary),
    });
    res.end(result.text);
  } catch (error) {
    const code = codeOf(error);
    res.writeHead(STATUS_BY_CODE.get(code) ?? 500, {
      "Content-Type": "text/plain; charset=UTF-8",
      "X-ClickHouse-Exception-Code": String(code),
    });
    res.end(messageOf(error, code));
  }
});

server.keepAliveTimeout = 10_000;
server.listen(port, host, () => {
  console.log(`clickhouse-http: chDB ${VERSION} on http://${host}:${server.address().port} with data in ${path}`);
});

function shutdown() {
  server.close(() => serialized(() => session.close()).finally(() => {
    fs.rmSync(spool, { recursive: true, force: true });
    process.exit(0);
  }));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
