import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";

export const subjectSilent = defineFinding({
  id: "nats.subject-silent",
  title: "Nobody publishes on the subject",
  cause: "No message crossed a subject that normally carries traffic: the publisher stopped, lost its connection, or publishes somewhere else (a renamed subject).",
  steps: ["Check the publisher's logs for NATS errors or a stopped job.", "Listen yourself for a while (nats sub) to confirm.", "Check for a subject mismatch between publisher and consumers."],
  commands: (target, evidence) => [target.nats("sub", String(evidence.subject ?? ">"), "--count", "5")],
  matches: ["Events Not Reaching", "is the monolith successfully publishing"],
});

export const natsSubjectActivity = defineProbe({
  id: "nats.subject-activity",
  title: "Subject activity",
  kind: "nats",
  params: z.strictObject({
    subject: z.string().min(1),
    windowMs: z.number().int().min(100).max(60_000).default(2_000).describe("How long to listen each run; keep it under the probe timeout"),
    minMessages: z.number().int().min(1).default(1).describe("Fewer messages than this in the window warns"),
  }),
  data: z.object({ subject: z.string(), messages: z.number(), windowMs: z.number() }),
  findings: [subjectSilent],
  series: (data) => data.messages,
  command: (target, params) => target.nats("sub", params.subject, "--count", "5"),
  async run(nc, params, signal) {
    let messages = 0;
    const subscription = nc.subscribe(params.subject, {
      callback: () => {
        messages += 1;
      },
    });
    try {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, params.windowMs);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    } finally {
      subscription.unsubscribe();
    }
    const data = { subject: params.subject, messages, windowMs: params.windowMs };
    const summary = `${messages} message${messages === 1 ? "" : "s"} on ${params.subject} in ${formatMs(params.windowMs)}`;
    if (messages >= params.minMessages) return { status: "ok", summary, data };
    return { status: "warn", summary, data, findings: [raise(subjectSilent, "warn", `${summary} (expected at least ${params.minMessages})`, data)] };
  },
});
