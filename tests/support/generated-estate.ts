/**
 * An estate the size our users run, against the machine's PostgreSQL, Redis
 * and NATS and a local HTTP target: every service has the same four
 * dependencies and five probes, in ten groups. `outage` services more lean on
 * one HTTP target of their own (a port nothing answers on, say), as fifty
 * services behind one dead upstream would.
 */
export interface GeneratedEstateOptions {
  services: number;
  httpUrl: string;
  interval: string;
  timeout: string;
  outage?: { services: number; url: string };
}

/** Probes per generated service. */
export const PROBES_PER_SERVICE = 5;

export function generatedEstate({ services, httpUrl, interval, timeout, outage }: GeneratedEstateOptions): string {
  const lines = [`estate: Generated (${services + (outage?.services ?? 0)} services)`, `defaults: { interval: ${interval}, timeout: ${timeout} }`, "services:"];
  for (let i = 0; i < services; i += 1) {
    const id = `svc-${String(i).padStart(4, "0")}`;
    lines.push(
      `  - id: ${id}`,
      `    group: team-${i % 10}`,
      "    dependencies:",
      `      - { id: db, kind: postgres, url: "postgres://postgres@127.0.0.1:5432/postgres", probes: [{ probe: postgres.reachable }] }`,
      `      - { id: cache, kind: redis, url: "redis://127.0.0.1:6379/0", probes: [{ probe: redis.reachable }, { probe: redis.memory }] }`,
      `      - { id: bus, kind: nats, url: "nats://127.0.0.1:4222", probes: [{ probe: nats.reachable }] }`,
      `      - { id: api, kind: http, url: "${httpUrl}", probes: [{ probe: http.health, path: /health }] }`,
    );
  }
  for (let i = 0; i < (outage?.services ?? 0); i += 1) {
    lines.push(
      `  - id: edge-${String(i).padStart(2, "0")}`,
      "    group: edge",
      "    dependencies:",
      `      - { id: upstream, kind: http, url: "${outage!.url}", probes: [{ probe: http.health, path: /health }] }`,
    );
  }
  return `${lines.join("\n")}\n`;
}
