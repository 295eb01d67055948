import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/access/actor";
import { sha256OfJson } from "@/lib/api/canonical-json";
import type { FixPreviewView, FixRunOutcome, FixRunView } from "@/lib/api/fix-schema";
import { isRequestError, RequestError } from "@/lib/api/request-error";
import type { Dependency, Estate } from "@/lib/config/estate";
import type { ActiveFindings } from "@/lib/engine/active-findings";
import type { EventBus } from "@/lib/engine/event-bus";
import type { ProbeRunner } from "@/lib/engine/probe-runner";
import type { FixContext, FixDefinition } from "@/lib/probe-kit/define-fix";
import { claimRun, findPreview, finishRun, insertAudit, insertPreview, lastRunAt, lockHeld, releaseLock, runOfKey, type NewAuditEntry, type StoredPreview } from "@/lib/store/fix-records";
import type { Store } from "@/lib/store/store";
import type { TimelineRecorder } from "@/lib/timeline/recorder";
import { findFix, FINDINGS } from "@/probes/catalog";
import { openFixClient } from "./fix-client";

/** How long a preview may be executed: long enough to read it, short enough that it still describes the world. */
export const PREVIEW_TTL_MS = 2 * 60_000;
/** A run holds its dependency's lock at most this long, so a Lantern that died mid-run does not hold it forever. */
const LOCK_MS = 5 * 60_000;
/** How long a repeated request waits for the first run with its key to finish. */
const REPEAT_WAIT_MS = 60_000;

export interface PreviewRequest {
  dependencyId: string;
  fixId: string;
  findingKey?: string;
  params?: Record<string, unknown>;
}

export interface ExecuteRequest {
  previewId: string;
  idempotencyKey: string;
  /** A destructive fix's target name, typed by the engineer. */
  confirm?: string;
}

interface Deps {
  estate: Estate;
  store: Store;
  runner: ProbeRunner;
  findings: ActiveFindings;
  bus: EventBus;
  timeline: TimelineRecorder;
  clock?: () => number;
}

/**
 * The one path of every guided fix: preview exactly what will be touched,
 * then on execute — the same key runs once, one fix per dependency at a time,
 * not within the fix's cooldown, not on a world that changed since the
 * preview — act on the fix's own connection, probe again with runs that start
 * after it, and say whether the finding cleared. Every attempt is audited.
 */
export class FixRunner {
  private readonly clock: () => number;

  constructor(private readonly deps: Deps) {
    this.clock = deps.clock ?? Date.now;
  }

  async preview(request: PreviewRequest, actor: Actor): Promise<FixPreviewView> {
    const { dependency, fix } = this.resolve(request.dependencyId, request.fixId);
    const findingKey = request.findingKey ?? null;
    const params = this.paramsFor(fix, dependency, findingKey, request.params);
    const preview = await this.withClient(dependency, (client) => fix.preview(client as never, params, this.quietContext(dependency))).catch((error: unknown) => {
      if (isRequestError(error)) throw error;
      throw new RequestError(502, "preview-failed", `${fix.title} could not read ${dependency.name}: ${this.redact((error as Error).message)}`);
    });
    const risk = preview.risk ?? fix.risk;
    const targets = preview.targets.slice(0, fix.maxTargets);
    const now = this.clock();
    const stored: StoredPreview = {
      id: randomBytes(16).toString("base64url"),
      fixId: fix.id,
      dependencyId: dependency.id,
      findingKey,
      params,
      summary: this.redact(preview.targets.length > targets.length ? `${preview.summary} (the first ${targets.length} of ${preview.targets.length} in this run)` : preview.summary),
      targets: this.redact(targets),
      stateHash: sha256OfJson(preview.state),
      confirm: risk === "destructive" ? (preview.confirm ?? dependency.id) : null,
      actor: actor.name,
      expiresAt: new Date(now + PREVIEW_TTL_MS),
    };
    await insertPreview(this.deps.store, stored, new Date(now));
    await this.audit(actor, { action: "preview", fixId: fix.id, dependencyId: dependency.id, findingKey, runId: null, params, targets: stored.targets, outcome: "previewed", reason: null, verification: null, durationMs: null });
    return {
      previewId: stored.id,
      fixId: fix.id,
      title: fix.title,
      dependencyId: dependency.id,
      risk,
      summary: stored.summary,
      targets: stored.targets,
      confirm: stored.confirm ? { type: "type-name", expected: stored.confirm } : null,
      ask: fix.ask ?? null,
      expiresAt: stored.expiresAt.toISOString(),
    };
  }

  async execute(request: ExecuteRequest, actor: Actor): Promise<FixRunView> {
    const repeated = await this.answerOfKey(request.idempotencyKey);
    if (repeated) return repeated;
    const preview = await findPreview(this.deps.store, request.previewId);
    if (!preview) throw new RequestError(404, "not_found", "no such preview; preview the fix again");
    const { dependency, fix } = this.resolve(preview.dependencyId, preview.fixId);
    const refuse = async (status: 400 | 409 | 410 | 429, code: string, message: string, headers: Record<string, string> = {}) => {
      await this.audit(actor, { ...this.auditOf(preview), action: "refused", runId: null, outcome: code, reason: message, verification: null, durationMs: null });
      return new RequestError(status, code, message, undefined, headers);
    };
    const now = this.clock();
    if (preview.expiresAt.getTime() <= now) throw await refuse(410, "preview-expired", "the preview is over two minutes old: preview again, so the fix acts on what you see now");
    if (preview.confirm && request.confirm !== preview.confirm) throw await refuse(400, "confirmation-needed", `this fix is destructive: type "${preview.confirm}" to confirm`);
    // Said first when it holds: "another fix is running" is the reason that matters then, not the cooldown it started.
    const lockedOut = () => refuse(409, "lock-held", `another fix is running on ${dependency.id}; wait for it to finish`);
    if (await lockHeld(this.deps.store, dependency.id, new Date(now))) throw await lockedOut();
    const last = await lastRunAt(this.deps.store, fix.id, dependency.id);
    const wait = last ? last.getTime() + fix.cooldownMs - now : 0;
    if (wait > 0) throw await refuse(429, "cooldown", `${fix.title} ran on ${dependency.id} moments ago; again in ${Math.ceil(wait / 1000)} s`, { "retry-after": String(Math.ceil(wait / 1000)) });

    const runId = randomBytes(12).toString("base64url");
    const claim = await this.deps.store.transaction((tx) =>
      claimRun(tx, { id: runId, idempotencyKey: request.idempotencyKey, previewId: preview.id, fixId: fix.id, dependencyId: dependency.id, actor: actor.name }, new Date(now), LOCK_MS),
    );
    if (claim === "key-taken") return (await this.answerOfKey(request.idempotencyKey))!;
    if (claim === "lock-held") throw await lockedOut();
    try {
      return await this.run(runId, preview, fix, dependency, actor, now);
    } finally {
      // Finishing releases it; this is for a run cut short by something unforeseen.
      await releaseLock(this.deps.store, dependency.id, runId).catch(() => undefined);
    }
  }

  private async run(runId: string, preview: StoredPreview, fix: FixDefinition, dependency: Dependency, actor: Actor, started: number): Promise<FixRunView> {
    const announce = (stage: "executing" | "verifying" | "done", message: string, outcome?: FixRunView) =>
      this.deps.bus.publish({ type: "fix", runId, fixId: fix.id, dependencyId: dependency.id, stage, message: this.redact(message), ...(outcome ? { outcome } : {}) });
    const finish = async (outcome: FixRunOutcome | "refused", answer: FixRunView | { refused: { status: number; code: string; message: string } }) =>
      finishRun(this.deps.store, runId, dependency.id, outcome, answer, new Date(this.clock()));

    let summary: string;
    let outcome: FixRunOutcome;
    try {
      announce("executing", `${fix.title}: checking that ${dependency.name} is as the preview showed`);
      const client = openFixClient(dependency);
      try {
        const handle = await client.acquire(AbortSignal.timeout(30_000));
        const context: FixContext = { signal: AbortSignal.timeout(60_000), actions: dependency.actions, progress: (message) => announce("executing", message) };
        // Act only on what the engineer saw: the same targets, read from the same state.
        const now = await fix.preview(handle as never, preview.params, context);
        if (sha256OfJson(now.state) !== preview.stateHash) {
          const message = `${dependency.name} changed since the preview (${now.summary}); nothing was touched: preview again`;
          await finish("refused", { refused: { status: 409, code: "state-changed", message } });
          await this.audit(actor, { ...this.auditOf(preview), action: "refused", runId, outcome: "state-changed", reason: message, verification: null, durationMs: this.clock() - started });
          announce("done", message);
          throw new RequestError(409, "state-changed", message);
        }
        summary = (await fix.execute(handle as never, preview.params, preview.targets.slice(0, fix.maxTargets), context)).summary;
        outcome = "verified";
      } finally {
        await client.close().catch(() => undefined);
      }
    } catch (error) {
      if (isRequestError(error)) throw error;
      summary = `the fix itself failed: ${(error as Error).message}`;
      outcome = "failed";
    }

    announce("verifying", `${summary}; probing ${dependency.name} again${fix.settleMs ? ` in ${Math.round(fix.settleMs / 1000)} s` : ""}`);
    if (fix.settleMs && outcome !== "failed") await new Promise((resolve) => setTimeout(resolve, fix.settleMs));
    const verification = await this.verify(fix, dependency, preview.findingKey);
    if (outcome !== "failed" && !verification.findingCleared) outcome = "not-verified";
    const answer: FixRunView = this.redact({
      runId,
      fixId: fix.id,
      dependencyId: dependency.id,
      outcome,
      summary: outcome === "not-verified" ? `${summary}; but still: ${verification.results.map((r) => r.summary).join("; ")}` : summary,
      targets: preview.targets,
      verification,
      actor: actor.name,
      durationMs: this.clock() - started,
      finishedAt: new Date(this.clock()).toISOString(),
    });
    await finish(outcome, answer);
    await this.audit(actor, { ...this.auditOf(preview), action: "execute", runId, outcome, reason: outcome === "verified" ? null : answer.summary, verification, durationMs: answer.durationMs });
    this.deps.timeline.record([
      {
        at: answer.finishedAt,
        kind: "fix",
        serviceId: dependency.serviceId,
        dependencyId: dependency.id,
        findingKey: preview.findingKey,
        severity: null,
        status: outcome,
        previousStatus: null,
        summary: `${fix.title} by ${actor.name}: ${outcome} — ${answer.summary}`,
        actor: actor.name,
        role: actor.role,
        data: { runId, fixId: fix.id, targets: preview.targets.length },
      },
    ]);
    announce("done", `${fix.title}: ${outcome}`, answer);
    return answer;
  }

  /**
   * Runs the fix's probes again (runs that start now, after the fix) and asks
   * whether the finding it was run for (or, without one, any it cures) is still raised.
   */
  private async verify(fix: FixDefinition, dependency: Dependency, findingKey: string | null): Promise<FixRunView["verification"]> {
    const instances = dependency.probes.filter((p) => fix.verify.includes(p.probe.id));
    const results = await Promise.all(instances.map((instance) => this.deps.runner.runAfterNow(instance, "verify")));
    const cures = new Set(FINDINGS.filter((f) => f.fixes?.includes(fix)).map((f) => f.id));
    const stillRaised = this.deps.findings.list().filter((f) => (findingKey ? f.key === findingKey : f.dependencyId === dependency.id && cures.has(f.definition.id)));
    return {
      findingCleared: stillRaised.length === 0 && results.every((r) => r.status !== "down" && r.status !== "error"),
      results: results.map((r, i) => ({ probe: instances[i]!.name, status: r.status, summary: r.summary, checkedAt: r.checkedAt })),
    };
  }

  private async answerOfKey(key: string): Promise<FixRunView | undefined> {
    const deadline = this.clock() + REPEAT_WAIT_MS;
    for (;;) {
      const run = await runOfKey(this.deps.store, key);
      if (!run) return undefined;
      if (run.answer && "refused" in run.answer) throw new RequestError(run.answer.refused.status as 409, run.answer.refused.code, run.answer.refused.message);
      if (run.answer) return run.answer;
      // The first request with this key is still running: its answer is this one's.
      if (this.clock() > deadline) throw new RequestError(409, "lock-held", "the run with this idempotency key is still going");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private resolve(dependencyId: string, fixId: string): { dependency: Dependency; fix: FixDefinition } {
    const dependency = this.deps.estate.dependencies.get(dependencyId);
    if (!dependency) throw new RequestError(404, "not_found", `no dependency "${dependencyId}" in this estate`);
    const fix = findFix(fixId);
    if (!fix || fix.kind !== dependency.kind) throw new RequestError(404, "not_found", `no fix "${fixId}" for a ${dependency.kind} dependency`);
    return { dependency, fix };
  }

  /** The finding's parameters for the fix (when it is given and still raised), overridden by the engineer's. */
  private paramsFor(fix: FixDefinition, dependency: Dependency, findingKey: string | null, given: Record<string, unknown> = {}): Record<string, unknown> {
    let offered: Record<string, unknown> = {};
    if (findingKey) {
      const finding = this.deps.findings.list().find((f) => f.key === findingKey && f.dependencyId === dependency.id);
      if (!finding) throw new RequestError(404, "not_found", `the finding ${findingKey} is no longer raised`);
      if (!finding.definition.fixes?.includes(fix)) throw new RequestError(400, "bad_request", `${finding.definition.id} does not offer ${fix.id}`);
      const probeParams = dependency.probes.find((p) => p.key === finding.speaker)?.params ?? {};
      offered = (fix.paramsFrom({ findingId: finding.definition.id, evidence: finding.evidence, probeParams, actions: dependency.actions }) ?? {}) as Record<string, unknown>;
    }
    const parsed = fix.params.safeParse({ ...offered, ...given });
    if (!parsed.success) throw new RequestError(400, "bad_request", `the parameters of ${fix.id} are not valid`, parsed.error.issues);
    return parsed.data as Record<string, unknown>;
  }

  private async withClient<T>(dependency: Dependency, work: (client: unknown) => Promise<T>): Promise<T> {
    const client = openFixClient(dependency);
    try {
      return await work(await client.acquire(AbortSignal.timeout(30_000)));
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  private quietContext(dependency: Dependency): FixContext {
    return { signal: AbortSignal.timeout(30_000), actions: dependency.actions, progress: () => undefined };
  }

  private auditOf(preview: StoredPreview): Pick<NewAuditEntry, "fixId" | "dependencyId" | "findingKey" | "params" | "targets"> {
    return { fixId: preview.fixId, dependencyId: preview.dependencyId, findingKey: preview.findingKey, params: preview.params, targets: preview.targets };
  }

  private async audit(actor: Actor, entry: Omit<NewAuditEntry, "at" | "actor" | "role">): Promise<void> {
    await insertAudit(this.deps.store, { ...entry, params: this.redact(entry.params), at: new Date(this.clock()).toISOString(), actor: actor.name, role: actor.role });
  }

  private redact<T>(value: T): T {
    return this.deps.estate.redactor.redactDeep(value);
  }
}

