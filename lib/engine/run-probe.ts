import "server-only";
import type { ClientRegistry } from "@/lib/clients/client-registry";
import type { Dependency, ProbeInstance } from "@/lib/config/estate";
import { worstSeverity } from "@/lib/probe-kit/bounds";
import { raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import type { SeriesPoint } from "@/lib/probe-kit/define-probe";
import type { Redactor } from "@/lib/secrets/redactor";
import { UNREACHABLE } from "@/probes/catalog";
import { describeFailure, ProbeTimeoutError } from "./describe-failure";
import type { LoopLag } from "./loop-lag";
import type { ProbeResult } from "./probe-result";

export interface RunProbeOptions {
  instance: ProbeInstance;
  dependency: Dependency;
  clients: ClientRegistry;
  redactor: Redactor;
  /** This instance's latest result, and its series over the earlier ones, oldest first. */
  previous: ProbeResult | undefined;
  series: readonly SeriesPoint[];
  trigger: ProbeResult["trigger"];
  /** Lantern's own event-loop lateness; without it, every timeout is believed. */
  loopLag?: LoopLag;
  /** Told when a deadline passed while Lantern was stalled, with the second attempt's status. */
  onRecheck?: (status: ProbeResult["status"]) => void;
}

/** Lateness of Lantern's own loop, during an attempt, that makes its timeout Lantern's fault rather than the dependency's. */
export const stallToleranceMs = (timeoutMs: number) => Math.max(100, timeoutMs * 0.1);

type Attempt = { ok: true; data: unknown } | { ok: false; error: unknown; stalledMs: number };

/**
 * One run of one probe under a hard deadline. The deadline holds even when a
 * client ignores its abort signal: the run is abandoned, and the dependency's
 * client is closed so whatever hung does not linger. A failure while
 * Lantern's own event loop was stalled (a deadline, a client's own timeout)
 * proves nothing about the dependency: the read is tried once more before any
 * verdict, and the result says so.
 */
export async function runProbe(options: RunProbeOptions): Promise<ProbeResult> {
  const { instance, dependency, redactor, previous, series, trigger } = options;
  const { probe, timeoutMs } = instance;
  const started = performance.now();
  const context = {
    history: series,
    now: Date.now(),
    ...(previous?.data !== undefined ? { previous: { data: previous.data, checkedAt: previous.checkedAt } } : {}),
  };

  const finish = (fields: Pick<ProbeResult, "status" | "summary" | "data" | "latencyMs"> & { findings?: RaisedFinding[] }): ProbeResult => ({
    key: instance.key,
    ...fields,
    summary: redactor.redact(fields.summary),
    data: fields.data === undefined ? undefined : redactor.redactDeep(fields.data),
    findings: (fields.findings ?? []).map((f) => ({ ...f, summary: redactor.redact(f.summary), evidence: redactor.redactDeep(f.evidence) })),
    durationMs: performance.now() - started,
    checkedAt: new Date().toISOString(),
    trigger,
  });

  let attempt = await readOnce(options, context);
  let recheck = "";
  if (!attempt.ok && attempt.stalledMs > stallToleranceMs(timeoutMs)) {
    recheck = ` (re-checked: Lantern itself was stalled ${Math.round(attempt.stalledMs)} ms during the first attempt)`;
    attempt = await readOnce(options, { ...context, now: Date.now() });
  }
  const result = judged(attempt);
  if (recheck) options.onRecheck?.(result.status);
  return result;

  function judged(outcome: Attempt): ProbeResult {
    if (!outcome.ok) {
      const failure = describeFailure(outcome.error, timeoutMs, (text) => redactor.redact(text));
      const summary = `${failure.status === "down" ? `${failure.reason} (${dependency.target})` : failure.reason}${recheck}`;
      const findings = failure.status === "down" ? [raise(UNREACHABLE[dependency.kind], "crit", summary, { reason: failure.reason, target: dependency.target })] : [];
      return finish({ status: failure.status, summary, latencyMs: performance.now() - started, findings });
    }
    const read = probe.data.safeParse(outcome.data);
    if (!read.success) {
      return finish({ status: "error", summary: `${probe.id} read data it could not describe: ${read.error.issues[0]?.message}`, latencyMs: performance.now() - started });
    }
    const data = read.data;
    const latencyMs = probe.latency?.(data) ?? performance.now() - started;
    try {
      const { summary, findings } = probe.judge(data, instance.params, { ...context, now: Date.now() });
      return finish({ status: worstSeverity(findings.map((f) => f.severity)) ?? "ok", summary: `${summary}${recheck}`, data, latencyMs, findings });
    } catch (error) {
      // A judge that throws is Lantern's bug, not the dependency's trouble: say so, keep the reading.
      return finish({ status: "error", summary: `${probe.id} could not judge its reading: ${redactor.redact((error as Error).message)}`, data, latencyMs });
    }
  }
}

/** Asks the dependency once under the deadline, and measures how stalled Lantern's own loop was meanwhile. */
async function readOnce({ instance, dependency, clients, loopLag }: RunProbeOptions, context: Parameters<ProbeInstance["probe"]["read"]>[3]): Promise<Attempt> {
  const { probe, timeoutMs } = instance;
  const controller = new AbortController();
  const armed = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let firedLateMs = 0;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The timer itself is a sample of the loop: one that fires late was held up by Lantern, not the dependency.
      firedLateMs = performance.now() - armed - timeoutMs;
      const timeout = new ProbeTimeoutError(timeoutMs);
      controller.abort(timeout);
      reject(timeout);
    }, timeoutMs);
  });
  const work = (async () => {
    const client = await clients.acquire(dependency, controller.signal);
    return probe.read(client as never, instance.params, controller.signal, context);
  })();
  // The loser of the race may still settle later; nobody is waiting for it then.
  work.catch(() => undefined);
  try {
    return { ok: true, data: await Promise.race([work, deadline]) };
  } catch (error) {
    if (controller.signal.aborted) await clients.discard(dependency);
    return { ok: false, error, stalledMs: Math.max(firedLateMs, loopLag?.worstSince(armed) ?? 0) };
  } finally {
    clearTimeout(timer);
  }
}
