import { z } from "zod";
import { above } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { instanceName } from "./instance-names";

const request = (target: { nats(...args: string[]): string }, params: Record<string, unknown>) =>
  target.nats("request", instanceName(params, "subject"), typeof params.payload === "string" ? params.payload : "{}");

export const noResponders = defineFinding({
  id: "nats.no-responders",
  title: "No service answers the request subject",
  severities: ["crit"],
  cause: "A request on the service's subject found no subscriber, or none answered in time: the service is down, lost its NATS connection, or subscribes to another subject or queue group.",
  steps: ["Check that the service runs and is connected (nats server report connections).", "Compare the subject it subscribes to with the one callers use.", "Send a request yourself to see the answer."],
  commands: (target, _evidence, params) => [request(target, params), target.nats("server", "report", "connections")],
  matches: ["no responders", "nats: no responders available for request", "503 No Responders"],
});

export const requestSlow = defineFinding({
  id: "nats.request-slow",
  title: "The service answers requests slowly",
  severities: ["warn"],
  cause:
    "A service answers on the subject, but slower than the threshold: its handler waits on something (a database, another service), it has too few instances in its queue group for the load, or the network between it and NATS is slow. Callers with short timeouts start to fail with “nats: timeout”.",
  steps: [
    "Time a request yourself, and compare with the round trip to the server alone (nats rtt): the difference is the service's own time.",
    "Read the service's latency metrics and logs for what its handler waits on.",
    "If every instance is busy, add instances to its queue group.",
  ],
  commands: (target, _evidence, params) => [request(target, params), target.nats("rtt")],
});

export const natsRequest = defineProbe({
  id: "nats.request",
  title: "Request/reply",
  reads: "a request/reply round trip; no responders",
  kind: "nats",
  params: z.strictObject({
    subject: z.string().min(1).describe("The subject the service answers requests on"),
    payload: z.string().default("{}").describe("What to send; use a request the service answers without side effects"),
    warnMs: z.number().positive().default(250).describe("A reply this slow or slower warns"),
    replyTimeoutMs: z.number().int().positive().default(2_000).describe("How long to wait for a reply before calling the subject unanswered; keep it under the probe timeout"),
  }),
  data: z.object({
    subject: z.string(),
    replyBytes: z.number(),
    ms: z.number(),
    /** The stream whose acknowledgement came back instead of a service's reply. */
    capturedBy: z.string().optional(),
    /** Why no reply came: the client's words for no responders or a timeout. */
    error: z.string().optional(),
  }),
  findings: [noResponders, requestSlow],
  command: (target, params) => target.nats("request", params.subject, params.payload),
  async read(nc, params, signal) {
    const started = performance.now();
    try {
      const reply = await nc.request(params.subject, params.payload, { timeout: params.replyTimeoutMs });
      const ms = performance.now() - started;
      const capturedBy = jetStreamAck(reply.string());
      return { subject: params.subject, replyBytes: reply.data.length, ms, ...(capturedBy ? { capturedBy } : {}) };
    } catch (error) {
      if (signal.aborted) throw error;
      const message = (error as Error).message;
      // Anything but silence (a permissions violation, a closed connection) is not the service's answer: the runner words it.
      if (!/no responders|timeout/i.test(message)) throw error;
      return { subject: params.subject, replyBytes: 0, ms: performance.now() - started, error: message };
    }
  },
  judge(data, params) {
    const evidence = { subject: data.subject, payload: params.payload };
    if (data.error !== undefined) {
      const kind = /no responders/i.test(data.error) ? "nobody subscribes" : "nobody answered in time";
      const summary = `request on ${data.subject}: ${kind}`;
      return { summary, findings: [raise(noResponders, "crit", summary, { ...evidence, error: data.error })] };
    }
    if (data.capturedBy) {
      // A stream capturing the subject acknowledges the request itself: no service ever saw it.
      const summary = `request on ${data.subject}: answered by stream ${data.capturedBy}'s acknowledgement, not by a service`;
      return { summary, findings: [raise(noResponders, "crit", summary, { ...evidence, capturedBy: data.capturedBy })] };
    }
    const summary = `${data.subject} answered in ${formatMs(data.ms)} (${data.replyBytes} bytes)`;
    const verdict = above(data.ms, { warn: params.warnMs }, formatMs);
    if (!verdict.severity) return { summary, findings: [] };
    return { summary, findings: [raise(requestSlow, verdict.severity, summary, { ...evidence, ms: data.ms, rule: verdict.rule })] };
  },
  latency: (data) => (data.error === undefined ? data.ms : undefined),
});

function jetStreamAck(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { stream?: unknown; seq?: unknown };
    return typeof body.stream === "string" && typeof body.seq === "number" ? body.stream : undefined;
  } catch {
    return undefined;
  }
}
