import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";

export const noResponders = defineFinding({
  id: "nats.no-responders",
  title: "No service answers the request subject",
  cause: "A request on the service's subject found no subscriber, or none answered in time: the service is down, lost its NATS connection, or subscribes to another subject or queue group.",
  steps: ["Check that the service runs and is connected (nats server report connections).", "Compare the subject it subscribes to with the one callers use.", "Send a request yourself to see the answer."],
  commands: (target, evidence) => [target.nats("request", String(evidence.subject ?? ""), String(evidence.payload ?? "{}")), target.nats("server", "report", "connections")],
  matches: ["no responders", "nats: no responders available for request", "503 No Responders"],
});

export const natsRequest = defineProbe({
  id: "nats.request",
  title: "Request/reply",
  kind: "nats",
  params: z.strictObject({
    subject: z.string().min(1),
    payload: z.string().default("{}").describe("What to send; use a request the service answers without side effects"),
    warnMs: z.number().positive().default(250).describe("A reply slower than this warns"),
  }),
  data: z.object({ subject: z.string(), replyBytes: z.number(), ms: z.number() }),
  findings: [noResponders],
  command: (target, params) => target.nats("request", params.subject, params.payload),
  async run(nc, params, signal) {
    const started = performance.now();
    try {
      const reply = await nc.request(params.subject, params.payload, { timeout: 2_000 });
      const ms = performance.now() - started;
      const ack = jetStreamAck(reply.string());
      if (ack) {
        // A stream capturing the subject acknowledges the request itself: no service ever saw it.
        const summary = `request on ${params.subject}: answered by stream ${ack}'s acknowledgement, not by a service`;
        return { status: "crit", summary, data: { subject: params.subject, replyBytes: reply.data.length, ms }, latencyMs: ms, findings: [raise(noResponders, "crit", summary, { subject: params.subject, payload: params.payload, capturedBy: ack })] };
      }
      const data = { subject: params.subject, replyBytes: reply.data.length, ms };
      const summary = `${params.subject} answered in ${formatMs(ms)} (${reply.data.length} bytes)`;
      return { status: ms > params.warnMs ? "warn" : "ok", summary, data, latencyMs: ms };
    } catch (error) {
      if (signal.aborted) throw error;
      const message = (error as Error).message;
      const kind = /no responders/i.test(message) ? "nobody subscribes" : /timeout/i.test(message) ? "nobody answered in time" : message;
      const summary = `request on ${params.subject}: ${kind}`;
      return { status: "crit", summary, data: { subject: params.subject, replyBytes: 0, ms: performance.now() - started }, findings: [raise(noResponders, "crit", summary, { subject: params.subject, payload: params.payload, error: message })] };
    }
  },
});

function jetStreamAck(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { stream?: unknown; seq?: unknown };
    return typeof body.stream === "string" && typeof body.seq === "number" ? body.stream : undefined;
  } catch {
    return undefined;
  }
}
