import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  // The socket goes with the stream: a kept-alive socket would hold a stopping server open.
  connection: "close",
  "x-accel-buffering": "no",
};

/**
 * Server-Sent Events: "result" with the service's new picture and findings after
 * every probe result; "finding" when one is raised, changes severity or clears.
 */
export const GET = route({ role: "viewer" }, async ({ request, lantern }) => new Response(lantern.live.open(request.signal), { headers: HEADERS }));

/** The headers alone: a HEAD must not open a stream nobody will read. */
export const HEAD = route({ role: "viewer" }, async () => new Response(null, { headers: HEADERS }));
