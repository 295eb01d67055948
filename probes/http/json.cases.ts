import type { z } from "zod";
import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpJson } from "./json";
import { responseWordReadings } from "./response-word-readings";

type Data = z.input<typeof httpJson.data>;

// Birb Nest's hit rate and the auth service's memory against its 256 MB limit (warn 70 %, crit 80 %).
const params = {
  rules: [
    { title: "Cache hit rate", field: "cache_hit_rate", warnBelow: 0.8 },
    { title: "Memory used of its limit", field: "memory.used", of: "memory.limit", warnAbove: 0.7, critAbove: 0.8 },
  ],
};
const MB = 1024 * 1024;
const reading = (hitRate: number | null, memoryUsed: number | null, over: Partial<Data> = {}): Data => ({
  url: "http://127.0.0.1:3000/metrics?view=infrastructure",
  httpStatus: 200,
  values: [
    { title: "Cache hit rate", value: hitRate },
    { title: "Memory used of its limit", value: memoryUsed === null ? null : memoryUsed / (256 * MB) },
  ],
  latencyMs: 4,
  ...over,
});

export default judgingCases(httpJson, {
  healthy: [
    { what: "92 % hits, 120 MB of 256 MB", data: reading(0.92, 120 * MB), params },
    { what: "just inside both rules: 81 % hits, 179 MB of 256 MB", data: reading(0.81, 179 * MB), params },
    { what: "rate limit headers with requests left", data: reading(0.9, 100 * MB, { rateLimit: { limit: 1000, remaining: 250 } }), params },
  ],
  raises: [
    { what: "hit rate at 80 %", finding: "http.json-threshold", severity: "warn", data: reading(0.8, 120 * MB), params },
    { what: "memory at 70 % of its limit", finding: "http.json-threshold", severity: "warn", data: reading(0.92, 0.7 * 256 * MB), params },
    { what: "memory at 80 % of its limit", finding: "http.json-threshold", severity: "crit", data: reading(0.92, 0.8 * 256 * MB), params },
    { what: "memory over 80 % (210 MB of 256 MB)", finding: "http.json-threshold", severity: "crit", data: reading(0.92, 210 * MB), params },
    {
      what: "a threshold set in the estate: hit rate 62 % against warnBelow 0.9, critBelow 0.7",
      finding: "http.json-threshold",
      severity: "crit",
      data: { url: "http://127.0.0.1:8080/metrics", httpStatus: 200, values: [{ title: "Cache hit rate", value: 0.62 }], latencyMs: 3 },
      params: { rules: [{ title: "Cache hit rate", field: "cache_hit_rate", warnBelow: 0.9, critBelow: 0.7 }] },
    },
    // The service named its problem instead of answering the numbers.
    ...responseWordReadings((httpStatus, words) => reading(null, null, { httpStatus, ...words })).map((raising) => ({ ...raising, params })),
  ],
});
