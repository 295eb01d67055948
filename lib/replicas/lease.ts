import "server-only";
import pg from "pg";

const LEASE_TIMEOUT_MS = 5_000;

export interface LeaseEvents {
  acquired(): void;
  lost(): void;
}

/**
 * A lease on a name among replicas sharing one PostgreSQL: a session advisory
 * lock, held on a connection of its own. The lock lives exactly as long as
 * that session, so a replica killed with -9 releases it the moment its socket
 * closes, and another takes it at its next attempt (every `retryMs`). One
 * lease per name: the scheduler's today, one per shard when probing spreads.
 */
export class Lease {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private held = false;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly name: string,
    private readonly retryMs: number,
    private readonly events: LeaseEvents,
  ) {}

  get holding(): boolean {
    return this.held;
  }

  start(): void {
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.disconnect();
  }

  /** Takes the lease when it is free; while held, checks the session is still there. */
  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      this.client ??= await this.connect();
      if (this.stopped) return void (await this.disconnect());
      if (this.held) await this.client.query("SELECT 1");
      else if ((await this.client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [this.name])).rows[0]?.locked) {
        this.held = true;
        // Stopped while asking: let go at once rather than start scheduling in a stopping process.
        if (this.stopped) return void (await this.disconnect());
        this.events.acquired();
      }
    } catch {
      await this.disconnect();
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.attempt(), this.retryMs);
  }

  private async connect(): Promise<pg.Client> {
    // Generous timeouts, so one slow answer does not pass the lease around; keepalive, so a session cut off by the network is found dead.
    const timeout = Math.max(this.retryMs, LEASE_TIMEOUT_MS);
    const client = new pg.Client({ connectionString: this.url, application_name: "lantern-lease", connectionTimeoutMillis: timeout, query_timeout: timeout, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    // The session is the lease: when it goes, so does the lock, whatever the reason.
    client.on("error", () => void this.disconnect());
    client.on("end", () => void this.disconnect());
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.held) {
      this.held = false;
      this.events.lost();
    }
    await client?.end().catch(() => undefined);
  }
}
