import { EventEmitter } from "node:events";
import type { FindingView, ProbeView } from "@/lib/api/estate-view-schema";
import type { FixRunView } from "@/lib/api/fix-schema";
import type { ServiceSummary } from "@/lib/api/overview-schema";
import type { ProbeResult } from "./probe-result";

export type LanternEvent =
  /** A probe's new result and the one it replaces, inside the engine only: no page is sent every result. */
  | { type: "result"; result: ProbeResult; previous: ProbeResult | undefined; serviceId: string; dependencyId: string }
  | { type: "finding"; action: "raised" | "changed" | "cleared"; finding: FindingView }
  /** A service's overview picture changed (a status, a problem, the worst reading). */
  | { type: "service"; summary: ServiceSummary }
  /** A probe's new picture, for the pages showing its service. */
  | { type: "probe"; serviceId: string; dependencyId: string; probe: ProbeView }
  /** Once a second: the engine is checking, and how many runs ended since the last tick. */
  | { type: "tick"; at: string; runs: number }
  /** A fix run's progress and, at the end, its outcome. */
  | { type: "fix"; runId: string; fixId: string; dependencyId: string; stage: "executing" | "verifying" | "done"; message: string; outcome?: FixRunView }
  /** The process is stopping: open streams end so the server can close. */
  | { type: "shutdown" };

/** Fans engine events out to their listeners: the live views, the timeline, every open SSE stream. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Each open browser tab is one listener; the default warning at 10 is not a leak here.
    this.emitter.setMaxListeners(0);
  }

  publish(event: LanternEvent): void {
    this.emitter.emit("event", event);
  }

  subscribe(listener: (event: LanternEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }

  listenerCount(): number {
    return this.emitter.listenerCount("event");
  }
}
