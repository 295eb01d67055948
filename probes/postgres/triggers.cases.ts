import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresTriggers } from "./triggers";

const notify = (state: string) => ({ triggers: [{ table: "events", name: "notify_new_event_trigger", state }] });
const params = { triggers: [{ table: "events", name: "notify_new_event_trigger" }] };

export default judgingCases(postgresTriggers, {
  healthy: [
    { what: "the NOTIFY trigger enabled", data: notify("enabled"), params },
    { what: "a trigger always enabled", data: notify("always enabled"), params },
  ],
  raises: [
    { what: "left disabled after a bulk load", finding: "postgres.trigger-disabled", severity: "crit", data: notify("disabled"), params },
    { what: "its migration never ran", finding: "postgres.trigger-missing", severity: "crit", data: notify("missing"), params },
  ],
});
