import "server-only";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { abortable, clientTimeoutMs, type DependencyClient } from "./dependency-client";

export type NatsClient = NatsConnection;

export interface NatsClientOptions {
  url: string;
  timeoutMs: number;
  onError?: (error: Error) => void;
}

/** Thrown while the connection is lost and the client is reconnecting in the background. */
export class NatsDisconnectedError extends Error {
  constructor(readonly lastError: unknown) {
    super("disconnected, reconnecting");
  }
}

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export function createNatsClient(options: NatsClientOptions): DependencyClient<NatsClient> {
  const url = new URL(options.url);
  const credentials = url.password
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : url.username
      ? { token: decodeURIComponent(url.username) }
      : {};
  const server = `${url.hostname.includes(":") ? `[${url.hostname}]` : url.hostname}:${url.port || "4222"}`;

  let connection: NatsConnection | undefined;
  let connecting: Promise<NatsConnection> | undefined;
  let disconnectedSince: number | undefined;
  let lastError: unknown;
  let backoff = BACKOFF_MIN_MS;

  async function open(): Promise<NatsConnection> {
    const nc = await connect({
      servers: server,
      name: "lantern",
      timeout: clientTimeoutMs(options.timeoutMs),
      maxReconnectAttempts: -1,
      // Exponential backoff with jitter while the server is away, reset once it answers.
      reconnectDelayHandler: () => {
        const delay = backoff + Math.random() * backoff * 0.2;
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        return delay;
      },
      pingInterval: 20_000,
      ...credentials,
    });
    disconnectedSince = undefined;
    void watch(nc);
    return nc;
  }

  async function watch(nc: NatsConnection) {
    for await (const status of nc.status()) {
      if (status.type === "disconnect") disconnectedSince ??= Date.now();
      if (status.type === "reconnect") {
        disconnectedSince = undefined;
        backoff = BACKOFF_MIN_MS;
      }
      if (status.type === "error") {
        lastError = status.error;
        options.onError?.(status.error);
      }
    }
  }

  return {
    async acquire(signal) {
      if (connection && !connection.isClosed()) {
        if (disconnectedSince !== undefined) throw new NatsDisconnectedError(lastError);
        return connection;
      }
      connecting ??= open().finally(() => (connecting = undefined));
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
