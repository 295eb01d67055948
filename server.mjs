#!/usr/bin/env node
// Lantern's HTTP server: Next.js behind a small front door that Next cannot be
// asked to be. It stamps every request with the address it really came from
// (a client can send any X-Forwarded-For; rate limits and trusted proxies need
// the socket's), refuses what no route serves before Next sees it, and puts the
// security headers on every answer, Next's own 404s and assets included.
import { createServer } from "node:http";
import next from "next";

const args = process.argv.slice(2);
const flag = (...names) => {
  const at = args.findIndex((arg) => names.includes(arg));
  return at === -1 ? undefined : args[at + 1];
};
const dev = args.includes("--dev");
const port = Number(flag("-p", "--port") ?? process.env.PORT ?? 3000);
// Loopback unless told otherwise: an open port is a decision, not a default.
const hostname = flag("-H", "--hostname") ?? process.env.LANTERN_HOST ?? "127.0.0.1";

/** The headers routes read the caller's address and the page asked for from; whatever a client sent under these names is replaced. */
const PEER_HEADER = "x-lantern-peer";
const PATH_HEADER = "x-lantern-path";
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** No route takes more; each route holds its own, smaller limit. */
const MAX_BODY_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  "content-security-policy": [
    "default-src 'self'",
    // Next's App Router streams its payload in inline scripts; dev mode also evaluates code.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  // Snapshot links carry their secret in the path: no page of Lantern's tells another site where it came from.
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

function refuse(res, status, code, message, headers = {}) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { ...headers, "content-type": "application/json", "cache-control": "no-store", connection: "close" });
  res.end(body);
}

function hasBadEscape(url) {
  try {
    decodeURIComponent(url.split("?")[0] ?? "");
    return false;
  } catch {
    return true;
  }
}

/** Answers the request itself when no route could, and says whether Next should see it. */
function frontDoor(req, res) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
  req.headers[PATH_HEADER] = req.url ?? "/";
  if (!METHODS.has(req.method ?? "")) {
    refuse(res, 405, "method_not_allowed", `Lantern does not answer ${req.method}`, { allow: [...METHODS].join(", ") });
    return false;
  }
  if (hasBadEscape(req.url ?? "/")) {
    refuse(res, 400, "bad_request", "the path has a malformed %-escape");
    return false;
  }
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) {
    // Answer and hang up without reading what was sent.
    refuse(res, 413, "payload_too_large", `bodies are limited to ${MAX_BODY_BYTES} bytes`);
    req.socket.destroySoon?.();
    return false;
  }
  return true;
}

// The none access mode refuses to start on any address but loopback: it needs to know which.
process.env.LANTERN_LISTEN_HOST = hostname;
const app = next({ dev, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => {
  if (frontDoor(req, res)) void handle(req, res);
});
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.on("error", (error) => {
  console.error(`[lantern] cannot listen on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`[lantern] listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}${dev ? " (development)" : ""}`);
});
