import "server-only";
import type { FindingView } from "@/lib/api/estate-view-schema";
import type { ServiceSummary } from "@/lib/api/overview-schema";
import type { EventBus, LanternEvent } from "@/lib/engine/event-bus";
import { insertTimelineEntries, type NewTimelineEntry } from "@/lib/store/timeline";
import type { WriteQueue } from "@/lib/store/write-queue";

/** The engine's own entries are signed by this actor. */
export const ENGINE_ACTOR = "lantern";

const BLANK = { serviceId: null, dependencyId: null, findingKey: null, severity: null, status: null, previousStatus: null, actor: ENGINE_ACTOR, role: null, data: {} };

/**
 * Writes what happened to the timeline: a dependency's or a service's status
 * word changing, a finding raised, changed or cleared. It starts from the
 * statuses last recorded, so a restart announces only what really changed.
 */
export class TimelineRecorder {
  private readonly unsubscribe: () => void;
  /** Among replicas only the scheduling one writes what the engine saw; the others keep count, to take over without repeating it. */
  private writing = true;

  constructor(
    bus: EventBus,
    private readonly writes: WriteQueue,
    private readonly statuses: Map<string, string>,
    private readonly clock: () => number = Date.now,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.hear(event));
  }

  /** The statuses last recorded before this start. */
  remember(statuses: Map<string, string>): void {
    for (const [subject, status] of statuses) this.statuses.set(subject, status);
  }

  record(entries: NewTimelineEntry[]): void {
    if (entries.length === 0) return;
    this.writes.push(`timeline: ${entries.map((e) => e.kind).join(", ")}`, (db) => insertTimelineEntries(db, entries));
  }

  stop(): void {
    this.unsubscribe();
  }

  /** Whether this replica writes the engine's entries (it schedules), or only follows them. */
  writeEngineEntries(on: boolean): void {
    this.writing = on;
  }

  private hear(event: LanternEvent): void {
    const entries = event.type === "service" ? this.statusChanges(event.summary) : event.type === "finding" ? [this.findingEntry(event.action, event.finding)] : [];
    if (this.writing) this.record(entries);
  }

  private statusChanges(service: ServiceSummary): NewTimelineEntry[] {
    const at = new Date(this.clock()).toISOString();
    const changes: NewTimelineEntry[] = [];
    const change = (subject: string, status: string, entry: Omit<NewTimelineEntry, "at" | "status" | "previousStatus">) => {
      const previous = this.statuses.get(subject);
      // Before the first result everything is "unknown": that is not news.
      if (status === "unknown" || status === previous) return;
      this.statuses.set(subject, status);
      changes.push({ ...entry, at, status, previousStatus: previous ?? null });
    };
    for (const dependency of service.dependencies) {
      change(`dependency:${dependency.id}`, dependency.status, {
        ...BLANK,
        kind: "dependency-status",
        serviceId: service.id,
        dependencyId: dependency.id,
        summary: `${dependency.name}: ${dependency.status}${dependency.reading ? ` — ${dependency.reading}` : ""}`,
      });
    }
    change(`service:${service.id}`, service.status, { ...BLANK, kind: "service-status", serviceId: service.id, summary: `${service.name} is ${service.status}` });
    return changes;
  }

  private findingEntry(action: "raised" | "changed" | "cleared", finding: FindingView): NewTimelineEntry {
    return {
      ...BLANK,
      at: new Date(this.clock()).toISOString(),
      kind: `finding-${action}`,
      serviceId: finding.serviceId,
      dependencyId: finding.dependencyId,
      findingKey: finding.key,
      severity: finding.severity,
      summary: `${finding.title}: ${finding.summary}`,
      data: { findingId: finding.id, since: finding.since },
    };
  }
}
