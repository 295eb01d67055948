import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { natsSubjectActivity } from "./subject-activity";

const heard = (messages: number) => ({ subject: "user.sync", messages, windowMs: 2_000 });
const params = { subject: "user.sync" };

export default judgingCases(natsSubjectActivity, {
  healthy: [
    { what: "a steady flow of user changes", data: heard(12), params },
    { what: "one message, just above silence", data: heard(1), params },
    { what: "above the estate's own floor", data: heard(6), params: { ...params, warnMessages: 5 } },
  ],
  raises: [
    { what: "the monolith stopped publishing", finding: "nats.subject-silent", severity: "warn", data: heard(0), params },
    { what: "at the estate's own floor", finding: "nats.subject-silent", severity: "warn", data: heard(5), params: { ...params, warnMessages: 5 } },
  ],
});
