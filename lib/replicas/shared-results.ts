import "server-only";
import type { ProbeResult } from "@/lib/engine/probe-result";
import type { Store } from "@/lib/store/store";
import { listen, type Listening } from "./listen";
import { fromWire, toWire, type WireResult } from "./wire";

const CHANNEL = "lantern_results";
const FLUSH_MS = 50;
/** A notification can be missed while the listening connection is re-made: the store is asked anyway this often. */
const CATCH_UP_MS = 2_000;

/**
 * Results between replicas, through the shared store: the replica that ran a
 * probe writes the result to latest_results and NOTIFYs; every replica reads
 * what is newer than the last it saw and applies the others' results as its
 * own. Writes are batched and one at a time, so `seq` only grows as readers see it.
 */
export class SharedResults {
  private readonly pending = new Map<string, ProbeResult>();
  private lastSeq = 0;
  private flushing: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private catchingUp: Promise<void> | undefined;
  private again = false;
  private listening: Listening | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly store: Store,
    private readonly replica: string,
    private readonly apply: (result: ProbeResult) => void,
    private readonly log: (line: string) => void,
  ) {}

  /** Loads every replica's latest results, then keeps listening. */
  async start(): Promise<void> {
    await this.catchUp();
    this.listening = listen(this.url, CHANNEL, "lantern-listen", (payload) => {
      if (payload !== this.replica) void this.catchUp();
    });
    this.catchUpTimer = setInterval(() => void this.catchUp(), CATCH_UP_MS);
    this.catchUpTimer.unref();
  }

  /** A result this replica produced, for the others. */
  share(result: ProbeResult): void {
    this.pending.set(result.key, result);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, FLUSH_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.catchUpTimer);
    clearTimeout(this.flushTimer);
    await this.flush();
    await this.listening?.close();
  }

  /** Writes what is pending; writes follow one another, never overlap. */
  private flush(): Promise<void> {
    this.flushing = (this.flushing ?? Promise.resolve()).then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    await this.store
      .query(
        `WITH written AS (
           INSERT INTO latest_results (probe_key, replica, seq, result)
           SELECT key, $1, nextval('latest_results_seq'), result FROM unnest($2::text[], $3::jsonb[]) AS r (key, result)
           ON CONFLICT (probe_key) DO UPDATE SET replica = excluded.replica, seq = excluded.seq, result = excluded.result
           RETURNING 1
         )
         SELECT pg_notify('${CHANNEL}', $1) FROM (SELECT 1 FROM written LIMIT 1) AS any_written`,
        [this.replica, batch.map((r) => r.key), batch.map((r) => JSON.stringify(toWire(r)))],
      )
      .catch((error: Error) => this.log(`could not share ${batch.length} results with the other replicas: ${error.message}`));
  }

  /** Applies what other replicas wrote since the last look; one look at a time, and one more if asked meanwhile. */
  private async catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.again = false;
        const rows = await this.store
          .query<{ replica: string; seq: number; result: WireResult }>("SELECT replica, seq, result FROM latest_results WHERE seq > $1 ORDER BY seq", [this.lastSeq])
          .catch(() => []);
        for (const row of rows) {
          this.lastSeq = Math.max(this.lastSeq, row.seq);
          const result = row.replica === this.replica ? undefined : fromWire(row.result);
          try {
            if (result) this.apply(result);
          } catch (error) {
            this.log(`could not apply ${row.replica}'s result for ${result?.key}: ${(error as Error).message}`);
          }
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }
}
