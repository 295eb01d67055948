import "server-only";
import type { LanternMetrics } from "@/lib/metrics/lantern-metrics";
import type { EventBus, LanternEvent } from "./event-bus";
import { briefOfFinding } from "@/lib/api/finding-brief";

/** Bytes a stream may have waiting for its reader before it is dropped; a reading browser stays near zero. */
export const MAX_QUEUED_BYTES = 512 * 1024;
const KEEP_ALIVE_MS = 15_000;

const encoder = new TextEncoder();
/** A stream's first bytes: a dropped browser reconnects after 3 s, and the version tells it whether it missed a change. */
const hello = (version: number) => encoder.encode(`retry: 3000\n\nevent: hello\ndata: {"version":${version}}\n\n`);
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

/** What a page shows, and so what its stream carries: the overview, or one service in full. */
export type LiveScope = { overview: true } | { serviceId: string };

interface LiveStream {
  scope: LiveScope;
  controller: ReadableStreamDefaultController<Uint8Array>;
  close(reason?: Error): void;
}

/**
 * What an event looks like to a stream of this scope, or undefined when the
 * stream has no use for it. The overview hears services change and findings
 * in brief; a service page hears its own probes and findings in full.
 */
function shapeFor(event: LanternEvent, scope: LiveScope): { audience: string; data: object } | undefined {
  const { type: _type, ...data } = event;
  const service = "serviceId" in scope ? scope.serviceId : undefined;
  switch (event.type) {
    case "tick":
    case "fix":
      return { audience: "all", data };
    case "service":
      return service === undefined || service === event.summary.id ? { audience: "all", data } : undefined;
    case "probe":
      return service === event.serviceId ? { audience: "all", data } : undefined;
    case "finding":
      if (service === undefined) return { audience: "brief", data: { action: event.action, finding: briefOfFinding(event.finding) } };
      return service === event.finding.serviceId ? { audience: "full", data } : undefined;
    default:
      return undefined;
  }
}

/**
 * The Server-Sent Events of every open page, from one subscription to the
 * engine: each event is serialised once and the same bytes go to every
 * stream. A stream whose reader does not keep up (a client that never reads,
 * a HEAD that never will) is dropped once its queue passes a small bound, so
 * no client can make Lantern hold memory for it.
 */
export class LiveStreams {
  private readonly streams = new Set<LiveStream>();
  private readonly keepAlive: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    bus: EventBus,
    private readonly metrics: LanternMetrics,
    private readonly maxQueuedBytes = MAX_QUEUED_BYTES,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.broadcast(event));
    this.keepAlive = setInterval(() => this.send(KEEP_ALIVE), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  /**
   * A new stream of `scope`'s events, closed when `signal` aborts (the browser
   * went away). It opens with `version`, the count of changes announced so far:
   * a page drawn from an older picture refetches it instead of waiting for the next change.
   */
  open(signal: AbortSignal, scope: LiveScope = { overview: true }, version = 0): ReadableStream<Uint8Array> {
    let live: LiveStream | undefined;
    const streams = this.streams;
    const metrics = this.metrics;
    return new ReadableStream<Uint8Array>(
      {
        start(controller) {
          let open = true;
          const stream: LiveStream = {
            scope,
            controller,
            close(reason) {
              if (!open) return;
              open = false;
              streams.delete(stream);
              metrics.sseClients.dec();
              signal.removeEventListener("abort", onAbort);
              // error() discards what is queued at once; close() would keep it until read.
              try {
                if (reason) controller.error(reason);
                else controller.close();
              } catch {
                // Already closed from the reader's side.
              }
            },
          };
          const onAbort = () => stream.close();
          live = stream;
          streams.add(stream);
          metrics.sseClients.inc();
          controller.enqueue(hello(version));
          if (signal.aborted) stream.close();
          else signal.addEventListener("abort", onAbort, { once: true });
        },
        cancel() {
          live?.close();
        },
      },
      { highWaterMark: this.maxQueuedBytes, size: (chunk) => chunk.byteLength },
    );
  }

  get size(): number {
    return this.streams.size;
  }

  /** Whether an open page shows this service. */
  watching(serviceId: string): boolean {
    for (const stream of this.streams) if ("serviceId" in stream.scope && stream.scope.serviceId === serviceId) return true;
    return false;
  }

  /** Ends every stream and stops listening: the process is stopping. */
  closeAll(): void {
    clearInterval(this.keepAlive);
    this.unsubscribe();
    for (const stream of [...this.streams]) stream.close();
  }

  private broadcast(event: LanternEvent): void {
    if (event.type === "shutdown") return this.closeAll();
    if (this.streams.size === 0) return;
    // Serialised once per shape, whatever the number of streams that get it.
    const encoded = new Map<string, Uint8Array>();
    for (const stream of [...this.streams]) {
      const shape = shapeFor(event, stream.scope);
      if (!shape) continue;
      let bytes = encoded.get(shape.audience);
      if (!bytes) {
        bytes = encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(shape.data)}\n\n`);
        encoded.set(shape.audience, bytes);
      }
      this.deliver(stream, bytes);
    }
  }

  private send(bytes: Uint8Array): void {
    for (const stream of [...this.streams]) this.deliver(stream, bytes);
  }

  private deliver(stream: LiveStream, bytes: Uint8Array): void {
    const room = stream.controller.desiredSize ?? 0;
    if (room < bytes.byteLength) {
      // Named AbortError, the server hangs up on the socket without logging a failed response.
      stream.close(new DOMException("live stream dropped: its reader fell behind", "AbortError"));
      this.metrics.sseDropped.inc();
      return;
    }
    stream.controller.enqueue(bytes);
  }
}
