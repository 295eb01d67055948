import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpSecurityHeaders } from "./security-headers";

const YEAR_SECONDS = 31_536_000;
const BOTH = ["strict-transport-security", "x-content-type-options"];
// The API gateway's /api/v1/health, as its SecurityHeaders middleware should answer it.
const reading = (hstsMaxAge: number | null, contentTypeOptions: string | null = "nosniff") => ({
  url: "https://api.agentauri.ai/api/v1/health",
  present: BOTH.filter((name) => (name === "strict-transport-security" ? hstsMaxAge !== null : contentTypeOptions !== null)),
  missing: BOTH.filter((name) => (name === "strict-transport-security" ? hstsMaxAge === null : contentTypeOptions === null)),
  hstsMaxAge,
  contentTypeOptions,
});

export default judgingCases(httpSecurityHeaders, {
  healthy: [
    { what: "HSTS for a year and nosniff", data: reading(YEAR_SECONDS) },
    { what: "HSTS for two years", data: reading(2 * YEAR_SECONDS) },
  ],
  raises: [
    { what: "HSTS switched off (ENABLE_HSTS=false)", finding: "http.security-headers-missing", severity: "warn", data: reading(null) },
    { what: "HSTS max-age at 364 days", finding: "http.security-headers-missing", severity: "warn", data: reading(364 * 86_400) },
    { what: "HSTS for a day", finding: "http.security-headers-missing", severity: "warn", data: reading(86_400) },
    { what: "x-content-type-options missing", finding: "http.security-headers-missing", severity: "warn", data: reading(YEAR_SECONDS, null) },
    { what: "x-content-type-options not nosniff", finding: "http.security-headers-missing", severity: "warn", data: reading(YEAR_SECONDS, "sniff") },
    { what: "a year where the estate asks for two", finding: "http.security-headers-missing", severity: "warn", data: reading(YEAR_SECONDS), params: { hstsWarnDays: 729 } },
  ],
});
