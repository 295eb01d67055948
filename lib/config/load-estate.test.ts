import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error";
import { parseEstate } from "./load-estate";

function problems(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    parseEstate(yaml, "estate.yaml", env);
  } catch (error) {
    if (error instanceof ConfigError) return error.lines();
    throw error;
  }
  throw new Error("expected the estate to be refused");
}

const VALID = `
estate: Payments
defaults: { interval: 15s, timeout: 3s }
services:
  - id: birb-nest
    name: Birb Nest
    dependencies:
      - id: db
        kind: postgres
        url: postgres://birb:\${BIRB_DB_PASSWORD}@10.0.0.5:5432/birbcache
      - id: cache
        kind: redis
        url: redis://10.0.0.6:6379/10
        impact: degraded
        interval: 5s
        timeout: 1s
      - id: api
        kind: http
        url: http://10.0.0.7:8080
        headers: { Authorization: "Bearer \${API_TOKEN}" }
        probes:
          - probe: http.health
            path: /health
          - probe: http.health
            name: ready
            path: /health/ready
            expectStatus: [200, 204]
`;

describe("a valid estate file", () => {
  const estate = parseEstate(VALID, "estate.yaml", { BIRB_DB_PASSWORD: "pw-from-env", API_TOKEN: "tok-123456" });

  it("gives full dependency ids, defaults and per-dependency schedules", () => {
    expect([...estate.dependencies.keys()]).toEqual(["birb-nest.db", "birb-nest.cache", "birb-nest.api"]);
    const db = estate.dependencies.get("birb-nest.db")!;
    expect(db).toMatchObject({ impact: "critical", intervalMs: 15_000, timeoutMs: 3_000, target: "10.0.0.5:5432/birbcache" });
    expect(db.probes.map((p) => p.key)).toEqual(["birb-nest.db/postgres.reachable"]);
    expect(estate.dependencies.get("birb-nest.cache")).toMatchObject({ impact: "degraded", intervalMs: 5_000, timeoutMs: 1_000 });
  });

  it("applies each probe's parameter defaults and tells instances apart by name", () => {
    const api = estate.dependencies.get("birb-nest.api")!;
    expect(api.probes.map((p) => [p.name, p.params])).toEqual([
      ["http.health", { path: "/health", expectStatus: 200 }],
      ["ready", { path: "/health/ready", expectStatus: [200, 204] }],
    ]);
  });

  it("interpolates secrets and knows them, with the variable each came from", () => {
    expect(estate.dependencies.get("birb-nest.db")!.url).toBe("postgres://birb:pw-from-env@10.0.0.5:5432/birbcache");
    expect(estate.redactor.redact("failed for postgres://birb:pw-from-env@host and tok-123456")).toBe("failed for postgres://birb:****@host and ****");
    expect(estate.redactor.shellWord("pw-from-env")).toBe('"${BIRB_DB_PASSWORD}"');
  });
});

describe("actions an HTTP dependency declares", () => {
  const yaml = (actions: string) => `services:
  - id: a
    dependencies:
      - id: api
        kind: http
        url: "http://h"
        actions:
${actions}`;

  it("are carried into the dependency, risk caution unless said", () => {
    const estate = parseEstate(yaml(`          - { id: ratelimit-off, title: Switch the rate limiter off, method: POST, path: /admin/ratelimit, body: '{"enabled":false}', for: [http.rate-limited] }\n`), "estate.yaml", {});
    expect(estate.dependencies.get("a.api")!.actions).toEqual([
      { id: "ratelimit-off", title: "Switch the rate limiter off", method: "POST", path: "/admin/ratelimit", body: '{"enabled":false}', risk: "caution", for: ["http.rate-limited"] },
    ]);
  });

  it("a bad action: each problem named, and `for` checked against the findings that offer actions", () => {
    expect(problems(yaml(`          - { id: off, title: Off, method: GET, path: "/http://elsewhere.example/x", body: "{nope", risk: reckless, for: [http.nope, http.certificate-expiry] }\n`))).toEqual([
      'estate.yaml: services.0.dependencies.0.actions.0.method: method is "POST", "PUT" or "DELETE" (line 8)',
      "estate.yaml: services.0.dependencies.0.actions.0.path: this path would leave the dependency's host; an action is sent to its own dependency only (line 8)",
      "estate.yaml: services.0.dependencies.0.actions.0.body: the body is sent as application/json: write it as JSON (line 8)",
      'estate.yaml: services.0.dependencies.0.actions.0.risk: risk is "safe", "caution" or "destructive" (line 8)',
      'estate.yaml: services.0.dependencies.0.actions.0.for.0: no finding "http.nope"; an action may name http.rate-limited, http.auth-005, http.auth-006, http.breaker-open, http.breaker-half-open (line 8)',
      "estate.yaml: services.0.dependencies.0.actions.0.for.1: http.certificate-expiry offers no action; an action may name http.rate-limited, http.auth-005, http.auth-006, http.breaker-open, http.breaker-half-open (line 8)",
    ]);
  });

  it("one id once, one action per finding, and HTTP dependencies only", () => {
    const twice = `          - { id: off, title: Off, method: POST, path: /off, for: [http.rate-limited] }
          - { id: off, title: Reset, method: POST, path: /reset, for: [http.breaker-open, http.rate-limited] }
`;
    expect(problems(yaml(twice))).toEqual([
      'estate.yaml: services.0.dependencies.0.actions.1.id: duplicate action id "off" on a.api (line 9)',
      'estate.yaml: services.0.dependencies.0.actions.1.for.1: http.rate-limited already offers action "off" on a.api; a finding offers one action (line 9)',
    ]);
    expect(problems(yaml("          - { id: off, title: Off, method: POST, path: /off, for: [http.rate-limited] }\n").replace("kind: http", "kind: redis").replace("http://h", "redis://h"))).toEqual([
      'estate.yaml: services.0.dependencies.0: unknown field "actions" (line 4)',
    ]);
  });
});

describe("each kind of config error names the file, the path and the problem", () => {
  it("broken YAML", () => {
    expect(problems("services:\n  - id: a\n   bad: [\n")[0]).toMatch(/^estate\.yaml: \(file\): .+ \(line \d+\)$/);
  });

  it("an unknown probe id", () => {
    const yaml = `services:\n  - id: a\n    dependencies:\n      - { id: db, kind: postgres, url: "postgres://h/db", probes: [{ probe: postgres.nope }] }\n`;
    expect(problems(yaml)).toEqual([expect.stringMatching(/^estate\.yaml: services\.0\.dependencies\.0\.probes\.0\.probe: unknown probe "postgres\.nope"; for postgres: postgres\.reachable, postgres\.connections, .* \(line 4\)$/)]);
  });

  it("a probe of another kind", () => {
    const yaml = `services:\n  - id: a\n    dependencies:\n      - { id: db, kind: postgres, url: "postgres://h/db", probes: [{ probe: redis.reachable }] }\n`;
    expect(problems(yaml)[0]).toContain('probe "redis.reachable" reads a redis dependency, this one is postgres');
  });

  it("a parameter of the wrong type", () => {
    const yaml = `services:\n  - id: a\n    dependencies:\n      - id: web\n        kind: http\n        url: "http://h"\n        probes:\n          - probe: http.health\n            expectStatus: "two hundred"\n`;
    expect(problems(yaml)).toEqual([expect.stringMatching(/^estate\.yaml: services\.0\.dependencies\.0\.probes\.0\.expectStatus: an HTTP status such as 200, or a list such as \[200, 204\] \(line 9\)$/)]);
  });

  it("a ${VAR} that is not set", () => {
    const yaml = `services:\n  - id: a\n    dependencies:\n      - { id: db, kind: postgres, url: "postgres://u:\${DB_PASSWORD}@h/db" }\n`;
    expect(problems(yaml)).toEqual(["estate.yaml: services.0.dependencies.0.url: environment variable DB_PASSWORD is not set (line 4)"]);
  });

  it("duplicate service, dependency and probe ids", () => {
    const yaml = `services:
  - id: a
    dependencies:
      - { id: db, kind: postgres, url: "postgres://h/db" }
      - { id: db, kind: redis, url: "redis://h" }
      - { id: web, kind: http, url: "http://h", probes: [{ probe: http.health }, { probe: http.health }] }
  - id: a
    dependencies:
      - { id: db, kind: postgres, url: "postgres://h/db" }
`;
    expect(problems(yaml)).toEqual([
      'estate.yaml: services.0.dependencies.1.id: duplicate dependency id "a.db" (line 5)',
      'estate.yaml: services.0.dependencies.2.probes.1.name: probe "http.health" appears twice on a.web; give each a distinct name (line 6)',
      'estate.yaml: services.1.id: duplicate service id "a" (line 7)',
    ]);
  });

  it("unknown fields, unknown kinds, wrong URL schemes and impossible schedules", () => {
    const yaml = `services:
  - id: a
    dependencies:
      - { id: db, kind: postgres, url: "redis://h", intreval: 5s }
      - { id: mq, kind: mongo, url: "mongodb://h" }
      - { id: web, kind: http, url: "http://h", interval: 2s, timeout: 5s }
`;
    expect(problems(yaml)).toEqual([
      "estate.yaml: services.0.dependencies.0.url: a postgres dependency needs a postgres:// or postgresql:// URL, not redis:// (line 4)",
      'estate.yaml: services.0.dependencies.0: unknown field "intreval" (line 4)',
      'estate.yaml: services.0.dependencies.1.kind: unknown kind "mongo"; one of postgres, redis, nats, http (line 5)',
    ]);
    expect(problems(yaml.replace(/.*mongo.*\n/, "").replace(', intreval: 5s', "").replace("redis://h", "postgres://h"))).toEqual([
      "estate.yaml: services.0.dependencies.1.timeout: the timeout (5s) must be shorter than the interval (2s) (line 5)",
    ]);
  });

  it("a postgres.query that writes", () => {
    const yaml = `services:\n  - id: a\n    dependencies:\n      - id: db\n        kind: postgres\n        url: "postgres://h/db"\n        probes:\n          - { probe: postgres.query, title: Purge, sql: "DELETE FROM events", critAbove: 0 }\n`;
    expect(problems(yaml)).toEqual([
      'estate.yaml: services.0.dependencies.0.probes.0.sql: postgres.query runs read-only SQL only; this statement is refused because it starts with "DELETE", not SELECT, WITH, VALUES, TABLE or SHOW (line 8)',
    ]);
  });

  it("an empty file", () => {
    expect(problems("")).toEqual(["estate.yaml: (file): the file is empty; it needs a list of services"]);
  });

  it("schedules Node cannot keep: an interval over 24h, a probe every millisecond", () => {
    const yaml = `services:\n  - id: a\n    dependencies:\n      - { id: db, kind: redis, url: "redis://h", interval: 600h }\n      - { id: mq, kind: redis, url: "redis://h", interval: 1ms, timeout: 1ms }\n`;
    expect(problems(yaml)).toEqual([
      "estate.yaml: services.0.dependencies.0.interval: must be at most 24h (line 4)",
      "estate.yaml: services.0.dependencies.1.interval: must be at least 100ms (line 5)",
      "estate.yaml: services.0.dependencies.1.timeout: the timeout (1ms) must be shorter than the interval (1ms) (line 5)",
    ]);
  });

  it("a YAML alias bomb and a self-referencing alias are clear errors, not a stack trace or a hang", () => {
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [name, previous] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"], ["g", "f"]]) laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    expect(problems(`${laughs.join("\n")}\nservices: *g\n`)).toEqual([
      "estate.yaml: (file): Excessive alias count indicates a resource exhaustion attack (YAML aliases are limited to 200 expansions)",
    ]);
    expect(problems("services: &s\n  - id: a\n    dependencies: *s\n")).toEqual([
      "estate.yaml: services.0.dependencies: an alias refers to the node that contains it; the estate would never end",
    ]);
  });

  it("never echoes a value from the environment, whatever field it lands in", () => {
    const yaml = `services:\n  - id: a\n    dependencies:\n      - { id: db, kind: "\${DB_PASSWORD}", url: "postgres://h/db" }\n      - { id: web, kind: http, url: "http://h", probes: [{ probe: "\${API_KEY}" }] }\n`;
    const lines = problems(yaml, { DB_PASSWORD: "hunter2-secret", API_KEY: "sk_live_0123456789" }).join("\n");
    expect(lines).toContain("services.0.dependencies.0.kind");
    expect(lines).not.toContain("hunter2-secret");
    expect(lines).not.toContain("sk_live_0123456789");
  });

  it("a parameter that was renamed says what it is called now; instance keys are never parameters", () => {
    const yaml = `services:
  - id: a
    dependencies:
      - id: db
        kind: postgres
        url: "postgres://h/db"
        probes:
          - probe: postgres.breakers
            table: breaker_states
            name: name
            state: state
            failures: failures
`;
    expect(problems(yaml)).toEqual([
      'estate.yaml: services.0.dependencies.0.probes.0: "state" is now called "stateColumn"; "failures" is now called "failuresColumn" (line 8)',
    ]);
    const estate = parseEstate(yaml.replace("state: state", "stateColumn: state").replace("failures: failures", "failuresColumn: failures").replace("name: name", "nameColumn: name"), "estate.yaml", {});
    const instance = estate.dependencies.get("a.db")!.probes[0]!;
    expect(instance.name).toBe("postgres.breakers");
    expect(instance.params).toEqual({ table: "breaker_states", nameColumn: "name", stateColumn: "state", failuresColumn: "failures", sinceColumn: "updated_at" });
  });
});

