import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresSlowStatements } from "./slow-statements";

const statement = (meanMs: number, calls = 12_480) => ({ query: "SELECT value, version FROM cache_entries WHERE key = $1", calls, meanMs, totalMs: meanMs * calls });
const read = (...statements: ReturnType<typeof statement>[]) => ({ installed: true, statements });

export default judgingCases(postgresSlowStatements, {
  healthy: [
    { what: "no statement averages 20 ms", data: read() },
    { what: "the slowest just under 20 ms", data: read(statement(19.9)) },
  ],
  raises: [
    { what: "a statement averaging 20 ms", finding: "postgres.slow-statements", severity: "warn", data: read(statement(20)) },
    { what: "a sequential scan averaging 340 ms, and another behind it", finding: "postgres.slow-statements", severity: "warn", data: read(statement(340.2, 8_200), statement(48)) },
    { what: "the seeds' 100 ms mark set in the estate", finding: "postgres.slow-statements", severity: "warn", data: read(statement(150)), params: { meanMs: 100 } },
  ],
});
