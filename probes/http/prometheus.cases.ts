import type { z } from "zod";
import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpPrometheus } from "./prometheus";

type Data = z.input<typeof httpPrometheus.data>;

// The ticket service's golden signals: its error share, its P95 in seconds, its NATS connections.
const params = {
  rules: [
    { title: "Share of requests failing", ratio: { numerator: 'http_requests_total{code=~"5.."}', denominator: "http_requests_total" }, warnAbove: 0.05, critAbove: 0.2 },
    { title: "P95 request latency (s)", quantile: { histogram: "http_request_duration_seconds", q: 0.95 }, warnAbove: 0.25 },
    { title: "NATS connections", gauge: "nats_connections", critBelow: 0 },
  ],
};
type Value = Data["values"][number];
const value = (title: string, v: number | null, reason?: string): Value => ({ title, value: v, ...(reason ? { reason } : {}) });

/** What read made of one scrape and the one before it. */
const reading = (errors: number | null, p95: number | null, connections: number): Data => ({
  url: "http://127.0.0.1:7405/metrics",
  series: 214,
  counters: { 'http_requests_total{code=~"5.."}': 42, http_requests_total: 1_200 },
  buckets: { "P95 request latency (s)": { "0.1": 900, "0.25": 1_150, "0.5": 1_190, "+Inf": 1_200 } },
  values: [
    value("Share of requests failing", errors, errors === null ? "first scrape; the ratio needs two" : undefined),
    value("P95 request latency (s)", p95, p95 === null ? "first scrape; the quantile needs two" : undefined),
    value("NATS connections", connections),
  ],
});

export default judgingCases(httpPrometheus, {
  healthy: [
    { what: "1 % failing, P95 0.2 s, one NATS connection", data: reading(0.01, 0.2, 1), params },
    { what: "just inside: 4.9 % failing, P95 0.249 s", data: reading(0.049, 0.249, 1), params },
    { what: "the first scrape has no differences yet", data: reading(null, null, 1), params },
  ],
  raises: [
    { what: "5 % failing since the last scrape", finding: "http.prometheus-threshold", severity: "warn", data: reading(0.05, 0.2, 1), params },
    { what: "20 % failing since the last scrape", finding: "http.prometheus-threshold", severity: "crit", data: reading(0.2, 0.2, 1), params },
    { what: "P95 at 0.25 s", finding: "http.prometheus-threshold", severity: "warn", data: reading(0.01, 0.25, 1), params },
    { what: "no NATS connection left", finding: "http.prometheus-threshold", severity: "crit", data: reading(0.01, 0.2, 0), params },
  ],
});
