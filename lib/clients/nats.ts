import "server-only";
import { connect as tcpConnect } from "node:net";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { abortable, clientTimeoutMs, type DependencyClient } from "./dependency-client";

export type NatsClient = NatsConnection;

export interface NatsClientOptions {
  /** How the connection names itself to the server ("lantern", or "lantern-fix" for a fix\'s own). */
  name?: string;
  url: string;
  timeoutMs: number;
}

/**
 * One connection per dependency, reopened by the next probe after it closes.
 * nats.js's own reconnect loop is off on purpose: a dial that times out before
 * the server's INFO leaves its socket open, so against a server that accepts
 * and never answers, every background attempt would leak one. The probe
 * schedule is the retry, and each attempt is checked first with a plain
 * socket that is always destroyed.
 */
export function createNatsClient(options: NatsClientOptions): DependencyClient<NatsClient> {
  const url = new URL(options.url);
  const credentials = url.password
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : url.username
      ? { token: decodeURIComponent(url.username) }
      : {};
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || 4222);
  const timeout = clientTimeoutMs(options.timeoutMs);

  let connection: NatsConnection | undefined;
  let connecting: Promise<NatsConnection> | undefined;

  async function open(signal: AbortSignal): Promise<NatsConnection> {
    await serverSaysHello(host, port, timeout, signal);
    return connect({
      servers: `${host.includes(":") ? `[${host}]` : host}:${port}`,
      name: options.name ?? "lantern",
      timeout,
      maxReconnectAttempts: 0,
      pingInterval: 20_000,
      ...(url.protocol === "tls:" ? { tls: {} } : {}),
      ...credentials,
    });
  }

  return {
    async acquire(signal) {
      if (connection && !connection.isClosed()) return connection;
      connecting ??= open(signal).finally(() => (connecting = undefined));
      connection = await abortable(connecting, signal);
      return connection;
    },
    async close() {
      const nc = connection;
      connection = undefined;
      await nc?.close().catch(() => undefined);
      // A connect still in flight closes as soon as it lands.
      void connecting?.then((late) => late.close()).catch(() => undefined);
    },
  };
}

/** Resolves when the server sends its INFO line; the socket is destroyed whatever happens. */
function serverSaysHello(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    const timer = setTimeout(() => finish(Object.assign(new Error(`no INFO from the server within ${timeoutMs} ms`), { name: "TimeoutError" })), timeoutMs);
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("error", (error) => finish(error));
    socket.once("data", (chunk) =>
      chunk.toString("latin1").startsWith("INFO ") ? finish() : finish(new Error("the server did not greet like a NATS server")),
    );
  });
}
