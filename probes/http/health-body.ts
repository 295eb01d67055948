/**
 * Reads the health documents services answer with, whatever their dialect:
 * application/health+json (pass/warn/fail with "checks"), Spring Boot
 * (UP/DOWN/OUT_OF_SERVICE with "components"), or any JSON with a "status"
 * word such as healthy/degraded, and its per-component parts.
 */
export type Verdict = "ok" | "warn" | "crit" | "unknown";

export interface HealthComponent {
  name: string;
  status: Verdict;
  /** The word the service used, as it wrote it. */
  said: string;
  detail?: string;
}

export interface HealthBody {
  format: "health+json" | "spring" | "json-status" | "none";
  status: Verdict;
  said?: string;
  components: HealthComponent[];
}

const WORDS: Record<string, Verdict> = {
  pass: "ok", ok: "ok", up: "ok", healthy: "ok", green: "ok", true: "ok", ready: "ok", available: "ok", closed: "ok",
  warn: "warn", warning: "warn", degraded: "warn", yellow: "warn", "half-open": "warn", out_of_service: "crit",
  fail: "crit", failed: "crit", failure: "crit", down: "crit", unhealthy: "crit", error: "crit", critical: "crit",
  red: "crit", false: "crit", unavailable: "crit", open: "crit",
};

export function verdictOf(word: unknown): Verdict {
  if (typeof word === "boolean") return word ? "ok" : "crit";
  if (typeof word !== "string") return "unknown";
  return WORDS[word.trim().toLowerCase()] ?? "unknown";
}

export function readHealthBody(body: unknown, contentType: string): HealthBody {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { format: "none", status: "unknown", components: [] };
  const doc = body as Record<string, unknown>;
  const said = typeof doc.status === "string" ? doc.status : typeof doc.healthy === "boolean" ? String(doc.healthy) : undefined;

  if (contentType.includes("application/health+json")) {
    return { format: "health+json", status: verdictOf(doc.status), said, components: healthJsonChecks(doc.checks) };
  }
  if (typeof doc.status === "string" && /^(UP|DOWN|OUT_OF_SERVICE|UNKNOWN)$/.test(doc.status)) {
    return { format: "spring", status: verdictOf(doc.status), said, components: namedParts(doc.components) };
  }
  if (said !== undefined) {
    const components = [...namedParts(doc.checks), ...namedParts(doc.components), ...namedParts(doc.dependencies)];
    return { format: "json-status", status: verdictOf(doc.status ?? doc.healthy), said, components };
  }
  return { format: "none", status: "unknown", components: [] };
}

/** health+json: { "db:responseTime": [{ status, componentId, observedValue, observedUnit, output }] } */
function healthJsonChecks(checks: unknown): HealthComponent[] {
  if (!checks || typeof checks !== "object") return [];
  return Object.entries(checks as Record<string, unknown>).flatMap(([key, entries]) =>
    (Array.isArray(entries) ? entries : [entries]).flatMap((entry) => {
      if (!entry || typeof entry !== "object") return [];
      const check = entry as Record<string, unknown>;
      const name = typeof check.componentId === "string" && !key.startsWith(check.componentId) ? `${key} (${check.componentId})` : key;
      const detail =
        typeof check.output === "string" && check.output
          ? check.output
          : check.observedValue !== undefined
            ? `${String(check.observedValue)}${typeof check.observedUnit === "string" ? ` ${check.observedUnit}` : ""}`
            : undefined;
      return [{ name, status: verdictOf(check.status), said: String(check.status ?? ""), ...(detail ? { detail } : {}) }];
    }),
  );
}

/** { db: { status: "UP" } }, { kong: { healthy: false } } or [{ name, status }] */
function namedParts(parts: unknown): HealthComponent[] {
  if (!parts || typeof parts !== "object") return [];
  const entries: [string, unknown][] = Array.isArray(parts)
    ? parts.map((part, index) => [String((part as Record<string, unknown>)?.name ?? index), part])
    : Object.entries(parts as Record<string, unknown>);
  return entries.flatMap(([name, part]) => {
    if (typeof part === "string" || typeof part === "boolean") return [{ name, status: verdictOf(part), said: String(part) }];
    if (!part || typeof part !== "object") return [];
    const record = part as Record<string, unknown>;
    const word = record.status ?? record.healthy ?? record.connected;
    if (word === undefined) return [];
    const detail = typeof record.message === "string" ? record.message : typeof record.error === "string" ? record.error : undefined;
    return [{ name, status: verdictOf(word), said: String(word), ...(detail ? { detail } : {}) }];
  });
}
