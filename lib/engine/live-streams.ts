import "server-only";
import type { LanternMetrics } from "@/lib/metrics/lantern-metrics";
import type { EventBus, LanternEvent } from "./event-bus";

/** Bytes a stream may have waiting for its reader before it is dropped; a reading browser stays near zero. */
export const MAX_QUEUED_BYTES = 512 * 1024;
const KEEP_ALIVE_MS = 15_000;

const encoder = new TextEncoder();
// A dropped browser reconnects after this and refetches what it missed.
const HELLO = encoder.encode("retry: 3000\n\n");
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

interface LiveStream {
  controller: ReadableStreamDefaultController<Uint8Array>;
  close(reason?: Error): void;
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

  /** A new stream, closed when `signal` aborts (the browser went away). */
  open(signal: AbortSignal): ReadableStream<Uint8Array> {
    let live: LiveStream | undefined;
    const streams = this.streams;
    const metrics = this.metrics;
    return new ReadableStream<Uint8Array>(
      {
        start(controller) {
          let open = true;
          const stream: LiveStream = {
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
          controller.enqueue(HELLO);
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

  /** Ends every stream and stops listening: the process is stopping. */
  closeAll(): void {
    clearInterval(this.keepAlive);
    this.unsubscribe();
    for (const stream of [...this.streams]) stream.close();
  }

  private broadcast(event: LanternEvent): void {
    if (event.type === "shutdown") return this.closeAll();
    if (this.streams.size === 0) return;
    const { type, ...data } = event;
    this.send(encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
  }

  private send(bytes: Uint8Array): void {
    for (const stream of [...this.streams]) {
      const room = stream.controller.desiredSize ?? 0;
      if (room < bytes.byteLength) {
        // Named AbortError, the server hangs up on the socket without logging a failed response.
        stream.close(new DOMException("live stream dropped: its reader fell behind", "AbortError"));
        this.metrics.sseDropped.inc();
        continue;
      }
      stream.controller.enqueue(bytes);
    }
  }
}
