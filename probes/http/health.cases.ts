import type { z } from "zod";
import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpHealth } from "./health";
import { responseWordReadings } from "./response-word-readings";

type Data = z.input<typeof httpHealth.data>;

// The auth token service's /health: its word, and Kong and the cache as its dependencies.
const reading = (over: Partial<Data> = {}): Data => ({
  url: "http://127.0.0.1:3000/health",
  httpStatus: 200,
  expectedStatus: [200],
  format: "json-status",
  bodyStatus: "healthy",
  components: [
    { name: "kong", status: "ok", said: "healthy" },
    { name: "cache", status: "ok", said: "true" },
  ],
  latencyMs: 12,
  ...over,
});

export default judgingCases(httpHealth, {
  healthy: [
    { what: "200, says healthy, Kong and the cache healthy", data: reading() },
    { what: "204 with no body where 200 or 204 is expected", data: reading({ httpStatus: 204, expectedStatus: [200, 204], format: "none", bodyStatus: undefined, components: [] }), params: { expectStatus: [200, 204] } },
    { what: "one request of the rate limit still left", data: reading({ rateLimit: { limit: 1000, remaining: 1, resetsIn: "30 min" } }) },
    { what: "an unknown error code is only named", data: reading({ errorCode: "E_WEIRD" }) },
  ],
  raises: [
    { what: "503 where 200 is expected", finding: "http.unhealthy", severity: "crit", data: reading({ httpStatus: 503, bodyStatus: "unhealthy", components: [] }) },
    { what: "200 but Spring says DOWN", finding: "http.unhealthy", severity: "crit", data: reading({ format: "spring", bodyStatus: "DOWN", components: [] }) },
    { what: "says degraded and names no failing component", finding: "http.degraded", severity: "warn", data: reading({ bodyStatus: "degraded", components: [] }) },
    {
      what: "degraded because Kong is unhealthy",
      finding: "http.component-failing",
      severity: "warn",
      data: reading({ bodyStatus: "degraded", components: [{ name: "kong", status: "crit", said: "unhealthy", detail: "timeout" }, { name: "cache", status: "ok", said: "true" }] }),
    },
    {
      what: "503 unhealthy with the cache down",
      finding: "http.component-failing",
      severity: "crit",
      data: reading({ httpStatus: 503, bodyStatus: "unhealthy", components: [{ name: "cache:connections", status: "crit", said: "fail", detail: "connection refused" }] }),
    },
    // An error document ({ "error": { "code": … } }) says no health word of its own.
    ...responseWordReadings((httpStatus, words) => reading({ httpStatus, format: "none", bodyStatus: undefined, components: [], ...words })),
  ],
});
