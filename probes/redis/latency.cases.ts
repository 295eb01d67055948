import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisLatency } from "./latency";

const entry = (id: number, ms: number, command: string) => ({ id, micros: ms * 1000, command });
const reading = (pingMs: number, newSlow: ReturnType<typeof entry>[] = []) => ({
  pingMs,
  lastSlowId: Math.max(41, ...newSlow.map((e) => e.id)),
  newSlow,
  monitor: "latency monitor off",
});

export default judgingCases(redisLatency, {
  healthy: [
    { what: "PING 0.4 ms, nothing new in the slow log", data: reading(0.4) },
    { what: "PING just under 10 ms", data: reading(9.9) },
    { what: "fewer new slow entries than the estate tolerates, none critical", data: reading(0.5, [entry(42, 12, "HGETALL session:9f2"), entry(43, 15, "SMEMBERS online")]), params: { newEntriesWarn: 3 } },
  ],
  raises: [
    { what: "median PING at 10 ms", finding: "redis.slow-commands", severity: "warn", data: reading(10) },
    { what: "one new slow-log entry", finding: "redis.slow-commands", severity: "warn", data: reading(0.6, [entry(42, 25, "KEYS user_status:*")]) },
    { what: "a new entry at 100 ms", finding: "redis.slow-commands", severity: "crit", data: reading(0.6, [entry(42, 100, "HGETALL cache:birb:index")]) },
    { what: "a 350 ms KEYS among quicker ones", finding: "redis.slow-commands", severity: "crit", data: reading(2.1, [entry(42, 18, "SMEMBERS online"), entry(43, 350, "KEYS *"), entry(44, 22, "LRANGE action_jobs 0 -1")]) },
  ],
});
