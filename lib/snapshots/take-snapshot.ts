import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/access/actor";
import { needsLook } from "@/lib/api/live-status";
import { canonicalJson, sha256OfJson } from "@/lib/api/canonical-json";
import type { Snapshot, SnapshotCreated } from "@/lib/api/snapshot-schema";
import { estateView } from "@/lib/engine/estate-view";
import type { Lantern } from "@/lib/engine/runtime";
import { listAudit } from "@/lib/store/fix-records";
import { historyOf } from "@/lib/store/history";
import { insertSnapshot } from "@/lib/store/snapshots";
import { listTimeline } from "@/lib/store/timeline";
import packageJson from "@/package.json";

export interface SnapshotRequest {
  title: string;
  notes?: string;
  windowMinutes: number;
  /** Milliseconds, or null for a snapshot that never expires. */
  expiresInMs: number | null;
}

/** What a snapshot would hold, counted: shown before it is taken. */
export async function snapshotContents(lantern: Lantern, windowMinutes: number): Promise<{ services: number; notOk: number; findings: number; timeline: number; fixes: number }> {
  const snapshot = await capture(lantern, { title: "", windowMinutes, expiresInMs: null }, { name: "", role: "viewer" }, "", Date.now());
  return {
    services: snapshot.estate.services.length,
    notOk: snapshot.estate.services.filter(needsLook).length,
    findings: snapshot.estate.findings.length,
    timeline: snapshot.timeline.length,
    fixes: snapshot.fixes.length,
  };
}

/**
 * Freezes the picture on the server, in one pass: the estate as the pages
 * show it now, every probe's history and the timeline over the window, the
 * fix runs in it, the notes, who took it. Redacted by the one redactor, then
 * written as canonical JSON with its SHA-256, in one statement: a snapshot
 * that was answered exists whole, and one that was not does not exist.
 */
export async function takeSnapshot(lantern: Lantern, request: SnapshotRequest, actor: Actor): Promise<SnapshotCreated> {
  const store = lantern.records!.store;
  const id = randomBytes(16).toString("base64url");
  const now = Date.now();
  const snapshot = lantern.estate.redactor.redactDeep(await capture(lantern, request, actor, id, now));
  const body = canonicalJson(snapshot);
  const sha256 = sha256OfJson(snapshot);
  await insertSnapshot(store, { id, title: snapshot.title, actor: actor.name, createdAt: new Date(now), expiresAt: snapshot.expiresAt ? new Date(snapshot.expiresAt) : null, sha256, body });
  lantern.records!.timeline.record([
    {
      at: snapshot.createdAt,
      kind: "snapshot",
      serviceId: null,
      dependencyId: null,
      findingKey: null,
      severity: null,
      status: null,
      previousStatus: null,
      summary: `${actor.name} took the snapshot “${snapshot.title}”`,
      actor: actor.name,
      role: actor.role,
      data: { snapshotId: id },
    },
  ]);
  return { id, url: `/s/${id}`, sha256, createdAt: snapshot.createdAt, expiresAt: snapshot.expiresAt, bytes: Buffer.byteLength(body) };
}

async function capture(lantern: Lantern, request: SnapshotRequest, actor: Actor, id: string, now: number): Promise<Snapshot> {
  const store = lantern.records!.store;
  // What has not reached the store yet belongs in the window too.
  lantern.records!.history.flush();
  await lantern.records!.writes.flush();
  const since = new Date(now - request.windowMinutes * 60_000);
  const estate = estateView(lantern, now);
  const keys = [...lantern.estate.dependencies.values()].flatMap((d) => d.probes.map((p) => p.key));
  const [history, timeline, audit] = await Promise.all([
    historyOf(store, keys, since),
    listTimeline(store, { since: since.toISOString(), limit: 5_000 }),
    listAudit(store, { limit: 500 }),
  ]);
  return {
    id,
    title: request.title,
    notes: request.notes ?? "",
    takenBy: { name: actor.name, role: actor.role },
    createdAt: new Date(now).toISOString(),
    expiresAt: request.expiresInMs === null ? null : new Date(now + request.expiresInMs).toISOString(),
    windowMinutes: request.windowMinutes,
    lanternVersion: packageJson.version,
    // The pages draw panels and summaries, not raw readings: `data` stays out, and the snapshot stays small.
    estate: { ...estate, services: estate.services.map((s) => ({ ...s, dependencies: s.dependencies.map((d) => ({ ...d, probes: d.probes.map((p) => ({ ...p, data: null })) })) })) },
    history,
    timeline: timeline.entries,
    fixes: audit.entries.filter((e) => e.action === "execute" && Date.parse(e.at) >= since.getTime()),
  };
}
