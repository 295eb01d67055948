import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresExpectedClients } from "./expected-clients";

const listener = (connected: number, listening: number) => ({ application: "event-processor", connected, listening, min: 1, channel: "new_event" });
const workers = (connected: number, min: number) => ({ application: "birb-nest-worker", connected, min });
const params = { clients: [{ application: "event-processor", listen: "new_event" }, { application: "birb-nest-worker", min: 2 }] };

export default judgingCases(postgresExpectedClients, {
  healthy: [
    { what: "the listener and both workers connected", data: { clients: [listener(1, 1), workers(2, 2)] }, params },
    { what: "more workers than needed", data: { clients: [listener(2, 1), workers(4, 2)] }, params },
  ],
  raises: [
    { what: "the NOTIFY listener dropped and did not reconnect", finding: "postgres.expected-client-missing", severity: "crit", data: { clients: [listener(0, 0), workers(2, 2)] }, params },
    { what: "connected but no longer LISTENing", finding: "postgres.expected-client-missing", severity: "crit", data: { clients: [listener(1, 0), workers(2, 2)] }, params },
    { what: "one worker of two gone", finding: "postgres.expected-client-missing", severity: "crit", data: { clients: [listener(1, 1), workers(1, 2)] }, params },
  ],
});
