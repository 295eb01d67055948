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

/** Who hears an event, and in which shape: a page's stream hears only what its page shows. */
interface Delivery {
  overview?: object;
  /** The one service page whose streams hear it, and what they hear. */
  service?: { id: string; data: object };
  /** Every stream, overview and service pages alike. */
  everyone?: object;
}

/**
 * Where an event goes. The overview hears services change and findings in
 * brief; a service page hears its own probes, its own service and its
 * findings in full; everyone hears the tick and fixes. Results stay inside
 * the engine.
 */
function deliveryOf(event: LanternEvent): Delivery {
  switch (event.type) {
    case "tick":
    case "fix":
      return { everyone: withoutType(event) };
    case "service": {
      const data = withoutType(event);
      return { overview: data, service: { id: event.summary.id, data } };
    }
    case "probe":
      return { service: { id: event.serviceId, data: withoutType(event) } };
    case "finding":
      return { overview: { action: event.action, finding: briefOfFinding(event.finding) }, service: { id: event.finding.serviceId, data: withoutType(event) } };
    default:
      return {};
  }
}

function withoutType({ type: _type, ...data }: LanternEvent): object {
  return data;
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
  private readonly overviews = new Set<LiveStream>();
  private readonly byService = new Map<string, Set<LiveStream>>();
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
    const remember = (stream: LiveStream) => this.remember(stream);
    const forget = (stream: LiveStream) => this.forget(stream);
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
              forget(stream);
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
          remember(stream);
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
    return this.byService.has(serviceId);
  }

  private remember(stream: LiveStream): void {
    this.streams.add(stream);
    if (!("serviceId" in stream.scope)) return void this.overviews.add(stream);
    const watchers = this.byService.get(stream.scope.serviceId) ?? new Set();
    this.byService.set(stream.scope.serviceId, watchers.add(stream));
  }

  private forget(stream: LiveStream): void {
    this.streams.delete(stream);
    if (!("serviceId" in stream.scope)) return void this.overviews.delete(stream);
    const watchers = this.byService.get(stream.scope.serviceId);
    watchers?.delete(stream);
    if (watchers?.size === 0) this.byService.delete(stream.scope.serviceId);
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
    // Only the streams an event is for are visited, and it is serialised once per shape, whatever their number.
    const { everyone, overview, service } = deliveryOf(event);
    const encode = (data: object) => encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
    if (everyone) return this.send(encode(everyone));
    const forOverviews = overview && this.overviews.size > 0 ? encode(overview) : undefined;
    if (forOverviews) this.sendTo(this.overviews, forOverviews);
    const watchers = service && this.byService.get(service.id);
    if (watchers) this.sendTo(watchers, service.data === overview && forOverviews ? forOverviews : encode(service.data));
  }

  private send(bytes: Uint8Array): void {
    this.sendTo(this.streams, bytes);
  }

  private sendTo(streams: Set<LiveStream>, bytes: Uint8Array): void {
    // A copy: a stream that falls behind is dropped from the set mid-loop.
    for (const stream of [...streams]) this.deliver(stream, bytes);
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
