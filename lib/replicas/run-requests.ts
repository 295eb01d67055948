import "server-only";
import type { ProbeInstance } from "@/lib/config/estate";
import type { EventBus } from "@/lib/engine/event-bus";
import type { ProbeResult } from "@/lib/engine/probe-result";
import { RequestError } from "@/lib/api/request-error";
import type { Store } from "@/lib/store/store";
import { listen, type Listening } from "./listen";

const CHANNEL = "lantern_run_requests";
/** Beyond the probe's own deadline (and its one re-check), what a forwarded run may take to come back. */
const SLACK_MS = 3_000;

interface RunRequest {
  key: string;
  trigger: ProbeResult["trigger"];
}

/**
 * Runs asked of the scheduling replica: "probe now" and a fix's verification
 * on any replica become one run there, so its single flight and its limits
 * hold across replicas, and the dependency sees one prober. The asking replica
 * waits for the result to come back through the shared results.
 */
export class RunRequests {
  private listening: Listening | undefined;

  constructor(
    private readonly url: string,
    private readonly store: Store,
    private readonly bus: EventBus,
  ) {}

  /** Asks the scheduling replica to run `instance`, and answers its result once it is here. */
  async ask(instance: ProbeInstance, trigger: ProbeResult["trigger"]): Promise<ProbeResult> {
    const askedAt = Date.now();
    let giveUp: () => void = () => undefined;
    const arrived = new Promise<ProbeResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        const seconds = Math.round((2 * instance.timeoutMs + SLACK_MS) / 1000);
        reject(new RequestError(502, "no_scheduler", `the replica that schedules probes did not answer within ${seconds} s (one may be taking over); try again in a moment`));
      }, 2 * instance.timeoutMs + SLACK_MS);
      const stop = this.bus.subscribe((event) => {
        // A run that ended after the question is an answer to it; an older one read the world before it was asked.
        if (event.type !== "result" || event.result.key !== instance.key || Date.parse(event.result.checkedAt) < askedAt) return;
        clearTimeout(timer);
        stop();
        resolve(event.result);
      });
      giveUp = () => {
        clearTimeout(timer);
        stop();
      };
    });
    const request: RunRequest = { key: instance.key, trigger };
    try {
      await this.store.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(request)]);
    } catch (error) {
      // Nobody was asked, so nobody will answer: no timer or listener waits on.
      giveUp();
      arrived.catch(() => undefined);
      throw error;
    }
    return arrived;
  }

  /** On the scheduling replica: runs what the others ask. */
  serve(run: (key: string, trigger: ProbeResult["trigger"]) => void): void {
    this.listening ??= listen(this.url, CHANNEL, "lantern-runs", (payload) => {
      try {
        const { key, trigger } = JSON.parse(payload) as RunRequest;
        run(key, trigger);
      } catch {
        // Not one of ours: nothing to run.
      }
    });
  }

  /** Stops answering: this replica no longer schedules, or is stopping. */
  async unserve(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    await listening?.close();
  }
}
