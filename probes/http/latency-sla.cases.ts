import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpLatencySla } from "./latency-sla";

// The auth service promises health under 50 ms and tokens under 100 ms at P95.
const health = { path: "/health", slaMs: 50 };
const reading = (quantileMs: number, samples = 30, ms = 18) => ({ url: "http://127.0.0.1:3000/health", ms, quantileMs, samples });

export default judgingCases(httpLatencySla, {
  healthy: [
    { what: "P95 22 ms over 30 readings", data: reading(22), params: health },
    { what: "P95 just under its SLA", data: reading(49), params: health },
    { what: "too few readings to judge, however slow", data: reading(400, 3, 400), params: health },
  ],
  raises: [
    { what: "P95 at its SLA", finding: "http.latency-sla", severity: "warn", data: reading(50), params: health },
    { what: "the token endpoint's P95 180 ms against 100 ms", finding: "http.latency-sla", severity: "warn", data: { ...reading(180, 60, 95), url: "http://127.0.0.1:3000/tokens" }, params: { path: "/tokens", slaMs: 100 } },
  ],
});
