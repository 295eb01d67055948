import "server-only";
import pg from "pg";

const RETRY_MS = 1_000;

export interface Listening {
  close(): Promise<void>;
}

/**
 * LISTENs on `channel` on a connection of its own, made again a second after
 * it is lost, until closed. Notifications sent meanwhile are lost: whoever
 * listens also looks at the store for what it may have missed.
 */
export function listen(url: string, channel: string, name: string, onPayload: (payload: string) => void): Listening {
  let client: pg.Client | undefined;
  let closed = false;
  const connect = async () => {
    if (closed) return;
    const current = new pg.Client({ connectionString: url, application_name: name, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client = current;
    const retry = () => {
      if (client !== current) return;
      client = undefined;
      void current.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect(), RETRY_MS).unref();
    };
    current.on("error", retry);
    current.on("end", retry);
    current.on("notification", (message) => onPayload(message.payload ?? ""));
    try {
      await current.connect();
      await current.query(`LISTEN ${channel}`);
    } catch {
      retry();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
