import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresBlockedQueries } from "./blocked-queries";

const waiter = (pid: number, seconds: number) => ({ pid, application: "api-gateway", seconds, blockedBy: [4100], query: "UPDATE triggers SET enabled = false WHERE id = $1" });
const blocked = (...waiters: ReturnType<typeof waiter>[]) => ({
  waiting: waiters.length,
  waiters,
  chain: `pid 4100 (event-processor, idle in transaction, transaction open 9 min) blocks ${waiters.map((w) => `pid ${w.pid} (api-gateway)`).join(", ")}`,
  head: { pid: 4100, query: "SELECT * FROM triggers WHERE id = $1 FOR UPDATE" },
});

export default judgingCases(postgresBlockedQueries, {
  healthy: [
    { what: "no session waits on a lock", data: { waiting: 0, waiters: [] } },
    { what: "a brief wait behind another writer", data: blocked(waiter(4200, 0.3)) },
    { what: "just under a minute", data: blocked(waiter(4200, 59.4)) },
  ],
  raises: [
    { what: "at one minute", finding: "postgres.lock-wait", severity: "warn", data: blocked(waiter(4200, 60)) },
    { what: "at two minutes, two sessions queued behind an idle transaction", finding: "postgres.lock-wait", severity: "crit", data: blocked(waiter(4200, 120), waiter(4201, 45)) },
    { what: "thresholds set in the estate", finding: "postgres.lock-wait", severity: "crit", data: blocked(waiter(4200, 30)), params: { warnSeconds: 10, critSeconds: 30 } },
  ],
});
