import { JUDGING_NOW, judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresBreakers } from "./breakers";

const ago = (seconds: number) => new Date(JUDGING_NOW - seconds * 1000).toISOString();
const closed = (name: string) => ({ name, state: "closed" as const, failures: 0, since: ago(3_600), retryInSeconds: null });
const open = (name: string, failures: number) => ({ name, state: "open" as const, failures, since: ago(42), retryInSeconds: 18 });
const halfOpen = (name: string) => ({ name, state: "half-open" as const, failures: 2, since: ago(5), retryInSeconds: null });

export default judgingCases(postgresBreakers, {
  healthy: [
    { what: "every breaker closed", data: { breakers: [closed("webhook-slack"), closed("telegram-bot"), closed("mcp-server")] } },
    { what: "no breaker yet", data: { breakers: [] } },
  ],
  raises: [
    { what: "a webhook's breaker open after 8 failures", finding: "postgres.breaker-open", severity: "crit", data: { breakers: [open("webhook-slack", 8), closed("telegram-bot")] } },
    { what: "a breaker testing recovery", finding: "postgres.breaker-half-open", severity: "warn", data: { breakers: [halfOpen("telegram-bot"), closed("webhook-slack")] } },
    { what: "one open and one half-open", finding: "postgres.breaker-open", severity: "crit", data: { breakers: [open("mcp-server", 5), halfOpen("telegram-bot")] } },
  ],
});
