import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { natsReachable } from "./reachable";

const usage = { memoryBytes: 0, storageBytes: 48_234_496, maxMemoryBytes: -1, maxStorageBytes: -1, streams: 4, consumers: 3, apiErrors: 0 };
const server = { version: "2.9.10", serverName: "NDJWE4SOUJOJT2TY5Y2YQEOAHGAK5VIGXTGKWJSFHVCII4ITI3LBHSTD", rttMs: 0.4 };

export default judgingCases(natsReachable, {
  healthy: [
    { what: "JetStream on, four streams", data: { ...server, jetstream: true, usage } },
    { what: "core NATS only, where this dependency does not need JetStream", data: { ...server, jetstream: false }, params: { jetstream: false } },
  ],
  raises: [{ what: "a server started without -js", finding: "nats.jetstream-disabled", severity: "crit", data: { ...server, jetstream: false } }],
});
