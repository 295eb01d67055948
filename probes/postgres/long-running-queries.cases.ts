import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresLongRunningQueries } from "./long-running-queries";

const query = (seconds: number, pid = 5120) => ({ pid, user: "birb", application: "birb-nest-worker", seconds, query: "SELECT * FROM cache_entries WHERE value::text LIKE '?'" });
const running = (...queries: ReturnType<typeof query>[]) => ({ count: queries.length, queries });

export default judgingCases(postgresLongRunningQueries, {
  healthy: [
    { what: "no query past a minute", data: running() },
    { what: "the longest just under a minute", data: running(query(59.4)) },
  ],
  raises: [
    { what: "at one minute", finding: "postgres.long-running-query", severity: "warn", data: running(query(60)) },
    { what: "at five minutes, with another behind it", finding: "postgres.long-running-query", severity: "crit", data: running(query(300), query(75, 5121)) },
    { what: "a report running for an hour", finding: "postgres.long-running-query", severity: "crit", data: running(query(3_600)) },
    { what: "thresholds set in the estate", finding: "postgres.long-running-query", severity: "warn", data: running(query(12)), params: { warnSeconds: 10, critSeconds: 30 } },
  ],
});
