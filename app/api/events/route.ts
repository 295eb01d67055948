import { route } from "@/lib/api/handle-api-error";
import { getLantern } from "@/lib/engine/runtime";

export const dynamic = "force-dynamic";

const KEEP_ALIVE_MS = 15_000;

/**
 * Server-Sent Events: "result" with the service's new picture and findings after
 * every probe result; "finding" when one is raised, changes severity or clears.
 */
export const GET = route(async (request: Request) => {
  const { bus, metrics } = getLantern();
  const encoder = new TextEncoder();
  let close = () => undefined as void;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      send("retry: 3000\n\n");
      const unsubscribe = bus.subscribe((event) => {
        if (event.type === "shutdown") return close();
        const { type, ...data } = event;
        send(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      });
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), KEEP_ALIVE_MS);
      metrics.sseClients.inc();
      let open = true;
      close = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(keepAlive);
        metrics.sseClients.dec();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      request.signal.addEventListener("abort", () => close(), { once: true });
    },
    cancel() {
      close();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // The socket goes with the stream: a kept-alive socket would hold a stopping server open.
      connection: "close",
      "x-accel-buffering": "no",
    },
  });
});
