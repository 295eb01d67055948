import { EventEmitter } from "node:events";
import type { FindingView, ServiceView } from "@/lib/api/estate-view-schema";
import type { FixRunView } from "@/lib/api/fix-schema";

export type LanternEvent =
  /** A new result: the service's new picture and its findings now. */
  | { type: "result"; service: ServiceView; findings: FindingView[]; probeKey: string }
  | { type: "finding"; action: "raised" | "changed" | "cleared"; finding: FindingView }
  /** A fix run's progress and, at the end, its outcome. */
  | { type: "fix"; runId: string; fixId: string; dependencyId: string; stage: "executing" | "verifying" | "done"; message: string; outcome?: FixRunView }
  /** The process is stopping: open streams end so the server can close. */
  | { type: "shutdown" };

/** Fans engine events out to every open SSE stream. */
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
