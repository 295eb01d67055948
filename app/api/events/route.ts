import { z } from "zod";
import { notFound } from "@/lib/api/responses";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  // The socket goes with the stream: a kept-alive socket would hold a stopping server open.
  connection: "close",
  "x-accel-buffering": "no",
};

const querySchema = z.strictObject({ serviceId: z.string().max(200).optional().describe("A service page's stream: its probes and findings in full") });

/**
 * Server-Sent Events for what a page shows, each opening with "hello" and
 * the views' version. The overview's stream: "service"
 * when a service's picture changes, "finding" (in brief) when one is raised,
 * changes or clears, and a "tick" a second. A service page's stream
 * (?serviceId=): "probe" after each of its probes' results, its findings in
 * full, its "service" changes and the tick. Both carry "fix" progress.
 */
export const GET = route({ role: "viewer", query: querySchema }, async ({ request, query, lantern }) => {
  if (query.serviceId !== undefined && !lantern.estate.services.some((s) => s.id === query.serviceId)) return notFound(`no service "${query.serviceId}" in this estate`);
  const scope = query.serviceId === undefined ? { overview: true as const } : { serviceId: query.serviceId };
  return new Response(lantern.live.open(request.signal, scope, lantern.views.version), { headers: HEADERS });
});

/** The headers alone: a HEAD must not open a stream nobody will read. */
export const HEAD = route({ role: "viewer" }, async () => new Response(null, { headers: HEADERS }));
