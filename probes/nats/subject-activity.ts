import { z } from "zod";
import { amount, below } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";

export const subjectSilent = defineFinding({
  id: "nats.subject-silent",
  title: "Nobody publishes on the subject",
  severities: ["warn"],
  cause: "No message crossed a subject that normally carries traffic: the publisher stopped, lost its connection, or publishes somewhere else (a renamed subject).",
  steps: ["Check the publisher's logs for NATS errors or a stopped job.", "Listen yourself for a while (nats sub) to confirm.", "Check for a subject mismatch between publisher and consumers."],
  commands: (target, _evidence, params) => [target.nats("sub", typeof params.subject === "string" ? params.subject : ">", "--count", "5")],
  matches: ["Events Not Reaching", "is the monolith successfully publishing"],
});

const messagesIn = (n: number) => `${n} message${n === 1 ? "" : "s"}`;

export const natsSubjectActivity = defineProbe({
  id: "nats.subject-activity",
  title: "Subject activity",
  reads: "messages on a subject in a short window",
  kind: "nats",
  params: z.strictObject({
    subject: z.string().min(1).describe("The subject (wildcards allowed) to listen on"),
    windowMs: z.number().int().min(100).max(60_000).default(2_000).describe("How long to listen each run; keep it under the probe timeout"),
    warnMessages: amount(0, "A window with this many messages or fewer warns: the subject is silent"),
  }),
  // "Fewer than minMessages" is now "at most warnMessages": minMessages n is warnMessages n - 1.
  renamed: { minMessages: "warnMessages" },
  data: z.object({ subject: z.string(), messages: z.number(), windowMs: z.number() }),
  findings: [subjectSilent],
  series: (data) => data.messages,
  command: (target, params) => target.nats("sub", params.subject, "--count", "5"),
  async read(nc, params, signal) {
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
    return { subject: params.subject, messages, windowMs: params.windowMs };
  },
  judge(data, params) {
    const summary = `${messagesIn(data.messages)} on ${data.subject} in ${formatMs(data.windowMs)}`;
    const verdict = below(data.messages, { warn: params.warnMessages }, messagesIn);
    if (!verdict.severity) return { summary, findings: [] };
    return { summary, findings: [raise(subjectSilent, verdict.severity, `${summary} (expected more than ${params.warnMessages})`, { ...data, rule: verdict.rule })] };
  },
});
