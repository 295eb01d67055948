import { describe, expect, it } from "vitest";
import { parseEstate } from "@/lib/config/load-estate";
import { CommandTarget } from "@/lib/probe-kit/commands";
import { writtenForms } from "@/lib/secrets/redactor";
import { lookupError } from "@/lib/tools/lookup-error";
import { FINDINGS, PROBES, UNREACHABLE } from "./catalog";

// Every place an estate can hold a secret, each secret with characters that change when encoded.
const ENV = {
  PG_PW: "pg+secret~42",
  REDIS_PW: "redis+pass=9",
  NATS_TOKEN: "nats-token-x7",
  NATS_PW: "nats+pw=5",
  API_KEY: "ab+cd/ef==zz",
  API_TOKEN: "bearer-tok-81",
  PROBE_TOKEN: "probe+tok/33",
  RPC_KEY: "rpc-path-key-5",
  JWT_SECRET: "jwt-secret-66",
};
const LITERALS = ["literal-api-key-11", "literal-provider-key-22"];

const ESTATE = `
services:
  - id: s
    tokens: { secret: "\${JWT_SECRET}" }
    dependencies:
      - id: db
        kind: postgres
        url: "postgres://app:\${PG_PW}@db.internal:5432/app?sslmode=require"
        probes:
          - probe: postgres.reachable
          - probe: postgres.connections
          - probe: postgres.idle-in-transaction
          - probe: postgres.long-running-queries
          - probe: postgres.blocked-queries
          - probe: postgres.replication
          - probe: postgres.wraparound
          - probe: postgres.cache-hit-ratio
          - probe: postgres.slow-statements
          - { probe: postgres.schema, tables: { users: [id] } }
          - { probe: postgres.triggers, triggers: [{ table: events, name: t }] }
          - { probe: postgres.expected-clients, clients: [{ application: worker, listen: new_event }] }
          - probe: postgres.tls
          - { probe: postgres.query, title: Rows, sql: "SELECT 1", critBelow: 1 }
          - probe: postgres.breakers
      - id: cache
        kind: redis
        url: "rediss://default:\${REDIS_PW}@cache.internal:6380/2"
        probes:
          - probe: redis.reachable
          - probe: redis.memory
          - probe: redis.clients
          - probe: redis.persistence
          - probe: redis.latency
          - probe: redis.replication
          - probe: redis.hit-rate
          - { probe: redis.queue, key: jobs }
          - { probe: redis.keys, pattern: "user_status:*" }
      - id: bus
        kind: nats
        url: "nats://\${NATS_TOKEN}@bus.internal:4222"
        probes:
          - probe: nats.reachable
          - probe: nats.jetstream
          - { probe: nats.stream, stream: S, subjects: [s.>] }
          - { probe: nats.consumer, stream: S, consumer: c }
          - { probe: nats.subject-activity, subject: s.x }
          - { probe: nats.request, subject: s.req }
      - { id: bus2, kind: nats, url: "nats://app:\${NATS_PW}@bus2.internal:4222" }
      - id: api
        kind: http
        url: "https://api.internal:8443/v1?api_key=\${API_KEY}&region=eu"
        headers: { Authorization: "Bearer \${API_TOKEN}", X-Api-Key: ${LITERALS[0]} }
        probes:
          - { probe: http.health, path: "/health?api_key=\${API_KEY}" }
          - { probe: http.json, headers: { X-Probe-Token: "\${PROBE_TOKEN}" }, rules: [{ title: n, field: n, warnAbove: 1 }] }
          - { probe: http.prometheus, headers: { X-Probe-Token: "\${PROBE_TOKEN}" }, rules: [{ title: g, gauge: g, warnAbove: 1 }] }
          - { probe: http.breakers, source: { json: { states: s } } }
          - { probe: http.latency-sla, headers: { X-Probe-Token: "\${PROBE_TOKEN}" }, slaMs: 50 }
          - probe: http.tls
          - { probe: http.security-headers, headers: { X-Probe-Token: "\${PROBE_TOKEN}" } }
          - { probe: http.trace-context, headers: { X-Probe-Token: "\${PROBE_TOKEN}" } }
          - probe: http.lag
            field: block
            reference: { url: "https://rpc.example/v3/\${RPC_KEY}", jsonrpc: eth_blockNumber, headers: { X-Provider-Key: ${LITERALS[1]} } }
`;

const estate = parseEstate(ESTATE, "secrets.yaml", ENV);
const forms = [...Object.values(ENV), ...LITERALS].flatMap((secret) => writtenForms(secret).map((form) => [secret, form] as const));

function leaks(text: string): string[] {
  return forms.filter(([, form]) => text.includes(form)).map(([secret, form]) => `${secret} as ${form}`);
}

describe("no command to check by hand writes a secret, in any form", () => {
  const instances = [...estate.dependencies.values()].flatMap((dependency) => dependency.probes.map((instance) => ({ dependency, instance })));
  const targetOf = (id: string) => {
    const dependency = estate.dependencies.get(id)!;
    return new CommandTarget(dependency.url, estate.redactor, dependency.timeoutMs, dependency.headers);
  };

  it("the estate above runs every probe of the catalog", () => {
    expect(new Set(instances.map(({ instance }) => instance.probe.id))).toEqual(new Set(PROBES.map((probe) => probe.id)));
  });

  it.each(instances.map(({ dependency, instance }) => [instance.key, dependency.id, instance] as const))("%s: its command and its findings' commands", (_key, dependencyId, instance) => {
    const target = targetOf(dependencyId);
    const commands = [instance.probe.command(target, instance.params), ...instance.probe.findings.flatMap((finding) => finding.commands(target, {}, instance.params))];
    expect(commands.flatMap(leaks)).toEqual([]);
  });

  it("the engine's unreachable findings and every known problem the error lookup answers", () => {
    for (const dependency of estate.dependencies.values()) {
      const target = targetOf(dependency.id);
      expect(UNREACHABLE[dependency.kind].commands(target, {}, {}).flatMap(leaks)).toEqual([]);
    }
    const answers = FINDINGS.flatMap((finding) => lookupError(finding.matches?.[0] ?? finding.title, estate, []));
    expect(JSON.stringify(answers)).not.toBe("[]");
    expect(leaks(JSON.stringify(answers))).toEqual([]);
  });

  it("the commands still work when pasted: secrets from the environment are written as their variables", () => {
    const api = estate.dependencies.get("s.api")!;
    const health = api.probes.find((p) => p.probe.id === "http.health")!;
    expect(health.probe.command(targetOf("s.api"), health.params)).toBe(
      `curl -sS -i -m 3 -H "Authorization: Bearer \${API_TOKEN}" -H "X-Api-Key: ****" "https://api.internal:8443/v1/health?api_key=\${API_KEY}"`,
    );
  });
});
