import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "@/lib/api/snapshot-schema";
import { type Lantern } from "@/lib/engine/runtime";
import { writtenForms } from "@/lib/secrets/redactor";
import { openSnapshot } from "@/lib/snapshots/open-snapshot";
import { snapshotMarkdown } from "@/lib/snapshots/snapshot-markdown";
import { takeSnapshot } from "@/lib/snapshots/take-snapshot";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { lanternOnStore, refusal } from "../support/lantern-in-process";
import { type StoreHome } from "../support/store-backends";

// Snapshots on a real store, of an estate holding every kind of secret.
const DB = 12;
const KEY = `lantern_test_snapshot_${process.pid}`;
const SECRETS = { PG_PW: "snap-pg+pass~1", API_KEY: "snap/key+2==", API_TOKEN: "snap-token-3x", JWT_SECRET: "snap-jwt-secret-4" };
const ALICE = { name: "alice", role: "viewer" as const };
let home: StoreHome;
let lantern: Lantern;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;
const redis = new Redis({ db: DB });

beforeAll(async () => {
  web = await startHttpEndpoint(json(200, { status: "healthy" }));
  ({ lantern, home } = await lanternOnStore("pglite", "snapshots", `services:
  - id: shop
    tokens: { secret: "\${JWT_SECRET}" }
    dependencies:
      - { id: db, kind: postgres, url: "postgres://postgres:\${PG_PW}@127.0.0.1:5432/postgres" }
      - id: jobs
        kind: redis
        url: "redis://127.0.0.1:6379/${DB}"
        probes: [{ probe: redis.queue, key: ${KEY}, warn: 5, crit: 100 }]
      - id: web
        kind: http
        url: "${web.url}/?api_key=\${API_KEY}"
        headers: { Authorization: "Bearer \${API_TOKEN}" }
        probes: [{ probe: http.health, path: "/health" }]
`, SECRETS));
  await redis.rpush(KEY, ...Array.from({ length: 9 }, (_, i) => `job-${i}`));
  for (const dependency of lantern.estate.dependencies.values()) for (const probe of dependency.probes) await lantern.runner.run(probe, "manual");
}, 60_000);

afterAll(async () => {
  await redis.del(KEY);
  redis.disconnect();
  await lantern.stop();
  await home.remove();
  await web.stop();
});


describe("an incident snapshot", () => {
  let created: Awaited<ReturnType<typeof takeSnapshot>>;
  let snapshot: Snapshot;

  it("freezes the estate, its findings, the window's history and timeline, and hashes the canonical JSON it stores", async () => {
    created = await takeSnapshot(lantern, { title: "Jobs backing up", notes: "Paged at 14:00; looking at the workers.", windowMinutes: 15, expiresInMs: 7 * 86_400_000 }, ALICE);
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const opened = await openSnapshot(lantern, created.id, ALICE);
    snapshot = opened.snapshot;
    expect(createHash("sha256").update(opened.stored.body).digest("hex")).toBe(created.sha256);
    expect(snapshot).toMatchObject({ title: "Jobs backing up", takenBy: { name: "alice" }, windowMinutes: 15 });
    expect(snapshot.estate.findings.map((f) => f.id)).toContain("redis.queue-backlog");
    expect(snapshot.history.map((m) => m.probeKey)).toContain(`shop.jobs/redis.queue`);
    expect(snapshot.timeline.some((e) => e.kind === "finding-raised" && e.findingKey === "shop.jobs/redis.queue-backlog")).toBe(true);
  });

  it("holds no secret in any form, in its JSON or its Markdown", async () => {
    const { stored } = await openSnapshot(lantern, created.id, ALICE);
    const markdown = snapshotMarkdown(snapshot, `http://lantern/s/${created.id}`, created.sha256);
    const leaks = Object.values(SECRETS).flatMap((secret) => writtenForms(secret).filter((form) => stored.body.includes(form) || markdown.includes(form)));
    expect(leaks).toEqual([]);
    // The commands in it still work when pasted: they name the variables.
    expect(stored.body).toContain("PGPASSWORD=\\\"${PG_PW}\\\"");
  });

  it("never changes: the world moves on, the snapshot does not", async () => {
    await redis.rpush(KEY, ...Array.from({ length: 200 }, (_, i) => `more-${i}`));
    for (const probe of lantern.estate.dependencies.get("shop.jobs")!.probes) await lantern.runner.run(probe, "manual");
    expect(lantern.findings.list().find((f) => f.definition.id === "redis.queue-backlog")?.severity).toBe("crit");
    const again = await openSnapshot(lantern, created.id, ALICE);
    expect(again.stored.sha256).toBe(created.sha256);
    expect(again.snapshot.estate.findings.find((f) => f.id === "redis.queue-backlog")?.severity).toBe("warn");
  });

  it("reads as Markdown for a ticket: headings, each finding with its evidence and commands, the timeline, the integrity", () => {
    const markdown = snapshotMarkdown(snapshot, `http://lantern/s/${created.id}`, created.sha256);
    const headings = markdown.split("\n").filter((l) => l.startsWith("#"));
    expect(headings[0]).toBe("# Jobs backing up");
    expect(headings).toEqual(expect.arrayContaining(["## Services not ok", "## Findings", "## Timeline (the last 15 minutes)", "## Fixes", "## Notes"]));
    expect(headings.find((h) => h.startsWith("### [warn] Queue backing up"))).toBeDefined();
    expect(markdown).toMatch(/- Evidence: .*depth 9/);
    expect(markdown).toContain("```sh\nredis-cli -h 127.0.0.1 -p 6379 -n 12 LLEN");
    expect(markdown).toContain(`Integrity: SHA-256 \`${created.sha256}\` · Link: http://lantern/s/${created.id}`);
  });

  it("expires: a snapshot of 1 ms is gone (410); guesses, malformed ids and ':id' are 404", async () => {
    const short = await takeSnapshot(lantern, { title: "Short-lived", windowMinutes: 1, expiresInMs: 1 }, ALICE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await refusal(openSnapshot(lantern, short.id, ALICE))).status).toBe(410);
    for (const guess of ["AAAAAAAAAAAAAAAAAAAAAA", ":id", "%3Aid", "../etc/passwd", `${created.id}x`]) expect((await refusal(openSnapshot(lantern, guess, ALICE))).status).toBe(404);
  });

  it("needs a signed-in reader unless the estate makes snapshots public", async () => {
    expect((await refusal(openSnapshot(lantern, created.id, null))).status).toBe(401);
  });
});
