import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresIdleInTransaction } from "./idle-in-transaction";

const oldest = { pid: 48213, application: "event-processor", user: "agentauri", lastQuery: "UPDATE events SET processed = true WHERE id = $1" };
const idle = (oldestSeconds: number, count = 1) => ({ count, oldestSeconds, oldest });

export default judgingCases(postgresIdleInTransaction, {
  healthy: [
    { what: "no session idle in a transaction", data: { count: 0, oldestSeconds: 0 } },
    { what: "a short pause between two statements", data: idle(2) },
    { what: "just under a minute", data: idle(59) },
  ],
  raises: [
    { what: "at one minute", finding: "postgres.idle-in-transaction", severity: "warn", data: idle(60) },
    { what: "at five minutes, three sessions", finding: "postgres.idle-in-transaction", severity: "crit", data: idle(300, 3) },
    { what: "an hour idle", finding: "postgres.idle-in-transaction", severity: "crit", data: idle(3_600) },
    { what: "thresholds set in the estate", finding: "postgres.idle-in-transaction", severity: "warn", data: idle(20), params: { warnSeconds: 15, critSeconds: 30 } },
  ],
});
