import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { natsRequest } from "./request";

const params = { subject: "tickets.create", payload: '{"title":"lantern probe","dryRun":true}' };
const answered = (ms: number) => ({ subject: "tickets.create", replyBytes: 64, ms });

export default judgingCases(natsRequest, {
  healthy: [
    { what: "answered in 12 ms", data: answered(12), params },
    { what: "just under 250 ms", data: answered(249), params },
  ],
  raises: [
    { what: "nobody subscribes", finding: "nats.no-responders", severity: "crit", data: { ...answered(0.6), replyBytes: 0, error: "no responders: 'tickets.create'" }, params },
    { what: "nobody answers in time", finding: "nats.no-responders", severity: "crit", data: { ...answered(2_001), replyBytes: 0, error: "timeout" }, params },
    {
      what: "a stream captures the subject and acknowledges instead of the service",
      finding: "nats.no-responders",
      severity: "crit",
      data: { ...answered(1.2), replyBytes: 37, capturedBy: "TICKETS" },
      params,
    },
    { what: "at 250 ms", finding: "nats.request-slow", severity: "warn", data: answered(250), params },
    { what: "slower than the estate's own threshold", finding: "nats.request-slow", severity: "warn", data: answered(180), params: { ...params, warnMs: 100 } },
  ],
});
