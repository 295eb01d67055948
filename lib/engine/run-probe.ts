import "server-only";
import type { ClientRegistry } from "@/lib/clients/client-registry";
import type { Dependency, ProbeInstance } from "@/lib/config/estate";
import { worstSeverity } from "@/lib/probe-kit/bounds";
import { raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import type { Redactor } from "@/lib/secrets/redactor";
import { UNREACHABLE } from "@/probes/catalog";
import { describeFailure, ProbeTimeoutError } from "./describe-failure";
import type { ProbeResult } from "./probe-result";

export interface RunProbeOptions {
  instance: ProbeInstance;
  dependency: Dependency;
  clients: ClientRegistry;
  redactor: Redactor;
  /** This instance's earlier results, oldest first. */
  history: readonly ProbeResult[];
  trigger: ProbeResult["trigger"];
}

/**
 * One run of one probe under a hard deadline. The deadline holds even when a
 * client ignores its abort signal: the run is abandoned, and the dependency's
 * client is closed so whatever hung does not linger.
 */
export async function runProbe({ instance, dependency, clients, redactor, history, trigger }: RunProbeOptions): Promise<ProbeResult> {
  const { probe, timeoutMs } = instance;
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new ProbeTimeoutError(timeoutMs);
      controller.abort(timeout);
      reject(timeout);
    }, timeoutMs);
  });

  const readings = history.filter((result) => result.data !== undefined).map(({ data, checkedAt }) => ({ data, checkedAt }));
  const previous = history.at(-1);
  const context = {
    history: readings,
    now: Date.now(),
    ...(previous?.data !== undefined ? { previous: { data: previous.data, checkedAt: previous.checkedAt } } : {}),
  };
  const work = (async () => {
    const client = await clients.acquire(dependency, controller.signal);
    return probe.read(client as never, instance.params, controller.signal, context);
  })();
  // The loser of the race may still settle later; nobody is waiting for it then.
  work.catch(() => undefined);

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

  let data: unknown;
  try {
    const read = probe.data.safeParse(await Promise.race([work, deadline]));
    if (!read.success) {
      return finish({ status: "error", summary: `${probe.id} read data it could not describe: ${read.error.issues[0]?.message}`, latencyMs: performance.now() - started });
    }
    data = read.data;
  } catch (error) {
    if (controller.signal.aborted) await clients.discard(dependency.id);
    const failure = describeFailure(error, timeoutMs, (text) => redactor.redact(text));
    const summary = failure.status === "down" ? `${failure.reason} (${dependency.target})` : failure.reason;
    const findings = failure.status === "down" ? [raise(UNREACHABLE[dependency.kind], "crit", summary, { reason: failure.reason, target: dependency.target })] : [];
    return finish({ status: failure.status, summary, latencyMs: performance.now() - started, findings });
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = probe.latency?.(data) ?? performance.now() - started;
  try {
    const { summary, findings } = probe.judge(data, instance.params, { ...context, now: Date.now() });
    return finish({ status: worstSeverity(findings.map((f) => f.severity)) ?? "ok", summary, data, latencyMs, findings });
  } catch (error) {
    // A judge that throws is Lantern's bug, not the dependency's trouble: say so, keep the reading.
    return finish({ status: "error", summary: `${probe.id} could not judge its reading: ${redactor.redact((error as Error).message)}`, data, latencyMs });
  }
}
