import { z } from "zod";
import { DEPENDENCY_KINDS, type DependencyKind, type ProbeDefinition } from "@/lib/probe-kit/define-probe";
import { accessSchema } from "@/lib/access/access-schema";
import { snapshotPolicySchema } from "@/lib/snapshots/snapshot-policy";
import { durationSchema, formatDuration, intervalSchema, retentionSchema } from "@/lib/probe-kit/duration";
import type { FixDefinition, HttpAction } from "@/lib/probe-kit/define-fix";
import { FINDINGS, PROBES, probesOfKind } from "@/probes/catalog";
import { actionRequestShape, httpAction } from "@/probes/http/action";

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "an id is lowercase letters, digits, - and _, starting with a letter or digit" });

const URL_SCHEMES: Record<DependencyKind, string[]> = {
  postgres: ["postgres:", "postgresql:"],
  redis: ["redis:", "rediss:"],
  nats: ["nats:", "tls:"],
  http: ["http:", "https:"],
};

function urlSchema(kind: DependencyKind) {
  const schemes = URL_SCHEMES[kind];
  return z
    .string()
    .describe(`Connection URL (${schemes.map((s) => `${s}//`).join(" or ")}); write secrets as \${ENV_VAR}.`)
    .superRefine((text, ctx) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        ctx.addIssue({ code: "custom", message: `not a URL; expected ${schemes[0]}//host:port/…` });
        return;
      }
      if (!schemes.includes(url.protocol)) {
        ctx.addIssue({ code: "custom", message: `a ${kind} dependency needs a ${schemes.map((s) => `${s}//`).join(" or ")} URL, not ${url.protocol}//` });
      }
      if (!url.hostname) ctx.addIssue({ code: "custom", message: "the URL has no host" });
    });
}

/**
 * A probe entry is flat in the file (instance keys and parameters side by side)
 * and parsed once into its parts; defineProbe keeps parameter names off the
 * instance keys, so neither can shadow the other.
 */
function probeEntrySchema(probe: ProbeDefinition) {
  return probe.params
    .safeExtend({
      probe: z.literal(probe.id).describe(probe.title),
      name: idSchema.optional().describe("Tells two instances of one probe on one dependency apart."),
      interval: intervalSchema.optional().describe("Overrides the dependency's interval for this probe."),
      timeout: durationSchema.optional().describe("Overrides the dependency's timeout for this probe."),
    })
    .transform(({ probe: id, name, interval, timeout, ...params }): ProbeEntry => ({
      probe: id as string,
      name: name as string | undefined,
      interval: interval as number | undefined,
      timeout: timeout as number | undefined,
      params,
    }));
}

function probeListSchema(kind: DependencyKind) {
  const entries = probesOfKind(kind).map(probeEntrySchema);
  const known = probesOfKind(kind).map((probe) => probe.id);
  const union = z.discriminatedUnion("probe", entries as unknown as [ReturnType<typeof probeEntrySchema>], {
    error: (issue) => {
      if (issue.code !== "invalid_union") return undefined;
      const id = (issue.input as { probe?: unknown } | undefined)?.probe;
      if (typeof id !== "string") return `each probe needs a "probe" id; for ${kind}: ${known.join(", ")}`;
      const elsewhere = PROBES.find((probe) => probe.id === id);
      if (elsewhere) return `probe "${id}" reads a ${elsewhere.kind} dependency, this one is ${kind}`;
      return `unknown probe "${id}"; for ${kind}: ${known.join(", ")}`;
    },
  });
  return z.array(union).describe(`Probes to run; when absent, the defaults for ${kind}.`);
}

/** The findings an action may be offered on: those that list http.action among their fixes. */
const ACTION_FINDINGS = FINDINGS.filter((finding) => finding.fixes?.includes(httpAction as FixDefinition)).map((finding) => finding.id);

function actionForMessage(input: unknown): string {
  const known = FINDINGS.some((finding) => finding.id === input);
  const why = known ? `${String(input)} offers no action` : `no finding "${String(input)}"`;
  return `${why}; an action may name ${ACTION_FINDINGS.join(", ")}`;
}

/** A request Lantern may send to an HTTP dependency as a guided fix, offered on the findings it names. */
const actionSchema = z
  .strictObject({
    id: idSchema.describe("Unique within the dependency; the audit log names it."),
    title: z.string().min(1).describe('What it does, in words: "Switch the rate limiter off".'),
    ...actionRequestShape,
    risk: z
      .enum(["safe", "caution", "destructive"], { error: 'risk is "safe", "caution" or "destructive"' })
      .default("caution")
      .describe('"caution" (something notices: a setting changes), "safe" (nothing lost if it was not needed) or "destructive" (the action\'s id must be typed to run it).'),
    for: z
      .array(z.enum(ACTION_FINDINGS as [string, ...string[]], { error: (issue) => actionForMessage(issue.input) }))
      .min(1, { error: "name the findings this action is offered on" })
      .describe("The findings it is offered on."),
  })
  .describe("A request the service offers for its own trouble (switch a limiter off, reset a breaker).");

const impactSchema = z
  .enum(["critical", "degraded"], { error: 'impact is "critical" (service down without it) or "degraded" (service limps)' })
  .default("critical");

function dependencySchema(kind: DependencyKind) {
  return z.strictObject({
    id: idSchema.describe("Unique within the service; the full id is <service>.<id>."),
    name: z.string().optional(),
    kind: z.literal(kind),
    url: urlSchema(kind),
    impact: impactSchema,
    interval: intervalSchema.optional().describe('How often to probe, e.g. "15s".'),
    timeout: durationSchema.optional().describe('Hard deadline of each probe run, e.g. "3s".'),
    ...(kind === "http"
      ? {
          headers: z.record(z.string(), z.string()).optional().describe("Headers sent with every request; write secrets as ${ENV_VAR}."),
          actions: z.array(actionSchema).optional().describe("Requests offered as guided fixes on the findings each names, sent with the dependency's headers."),
        }
      : {}),
    probes: probeListSchema(kind).optional(),
  });
}

const dependenciesSchema = z.discriminatedUnion(
  "kind",
  DEPENDENCY_KINDS.map(dependencySchema) as unknown as [ReturnType<typeof dependencySchema>],
  {
    error: (issue) => {
      if (issue.code !== "invalid_union") return undefined;
      const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
      return `${kind === undefined ? "missing kind" : `unknown kind "${String(kind)}"`}; one of ${DEPENDENCY_KINDS.join(", ")}`;
    },
  },
);

const tokensSchema = z
  .strictObject({
    secret: z.string().min(1).optional().describe("HMAC secret the service verifies JWTs with; write it as ${ENV_VAR}"),
    jwksUrl: z.string().url().optional().describe("Or the JWKS URL of its public keys"),
    audience: z.union([z.string(), z.array(z.string())]).optional(),
    issuer: z.string().optional(),
    algorithms: z.array(z.string()).min(1).default(["HS256"]),
    clockToleranceSeconds: z.number().min(0).default(30),
  })
  .refine((t) => Boolean(t.secret) !== Boolean(t.jwksUrl), { error: "give either secret or jwksUrl" })
  .describe("How the service validates JWTs, for the token inspector");

const serviceSchema = z.strictObject({
  id: idSchema,
  name: z.string().optional(),
  description: z.string().optional(),
  group: z.string().min(1).optional().describe("A team, tier or region: the overview gathers healthy services by it"),
  tokens: tokensSchema.optional(),
  dependencies: z.array(dependenciesSchema).min(1, { error: "a service needs at least one dependency" }),
});

const DEFAULT_INTERVAL = "15s";
const DEFAULT_TIMEOUT = "3s";
const DEFAULT_RETENTION = "7d";

export const estateFileSchema = z
  .strictObject({
    estate: z.string().default("Estate").describe("A name for what this file describes."),
    defaults: z
      .strictObject({
        interval: intervalSchema.prefault(DEFAULT_INTERVAL),
        timeout: durationSchema.prefault(DEFAULT_TIMEOUT),
      })
      .prefault({}),
    services: z.array(serviceSchema).min(1, { error: "the estate needs at least one service" }),
    retention: retentionSchema.prefault(DEFAULT_RETENTION).describe('How long Lantern\'s store keeps probe history and the timeline, e.g. "7d"'),
    access: accessSchema.prefault({}).describe("Who may do what: none (loopback only), token, or proxy"),
    snapshots: snapshotPolicySchema.prefault({}),
  })
  .superRefine((file, ctx) => {
    const seenServices = new Set<string>();
    file.services.forEach((service, s) => {
      if (seenServices.has(service.id)) ctx.addIssue({ code: "custom", path: ["services", s, "id"], message: `duplicate service id "${service.id}"` });
      seenServices.add(service.id);
      const seenDependencies = new Set<string>();
      service.dependencies.forEach((dependency, d) => {
        const at = ["services", s, "dependencies", d];
        if (seenDependencies.has(dependency.id)) {
          ctx.addIssue({ code: "custom", path: [...at, "id"], message: `duplicate dependency id "${service.id}.${dependency.id}"` });
        }
        seenDependencies.add(dependency.id);
        const interval = dependency.interval ?? file.defaults.interval;
        const timeout = dependency.timeout ?? file.defaults.timeout;
        if (timeout >= interval) ctx.addIssue({ code: "custom", path: [...at, "timeout"], message: timeoutMessage(timeout, interval) });
        for (const problem of actionProblems((dependency as { actions?: HttpAction[] }).actions ?? [], `${service.id}.${dependency.id}`)) {
          ctx.addIssue({ code: "custom", path: [...at, ...problem.path], message: problem.message });
        }
        const seenProbes = new Set<string>();
        (dependency.probes as ProbeEntry[] | undefined)?.forEach((entry, p) => {
          const name = entry.name ?? entry.probe;
          if (seenProbes.has(name)) {
            ctx.addIssue({
              code: "custom",
              path: [...at, "probes", p, "name"],
              message: `probe "${name}" appears twice on ${service.id}.${dependency.id}; give each a distinct name`,
            });
          }
          seenProbes.add(name);
          if ((entry.timeout ?? timeout) >= (entry.interval ?? interval)) {
            ctx.addIssue({ code: "custom", path: [...at, "probes", p, "timeout"], message: timeoutMessage(entry.timeout ?? timeout, entry.interval ?? interval) });
          }
        });
      });
    });
  });

/** Each action once by id, and each finding offered one action: a second would never be offered. */
function actionProblems(actions: HttpAction[], dependencyId: string): { path: (string | number)[]; message: string }[] {
  const ids = new Set<string>();
  const offered = new Map<string, string>();
  return actions.flatMap((action, a) => {
    const problems: { path: (string | number)[]; message: string }[] = [];
    if (ids.has(action.id)) problems.push({ path: ["actions", a, "id"], message: `duplicate action id "${action.id}" on ${dependencyId}` });
    ids.add(action.id);
    action.for.forEach((finding, f) => {
      const first = offered.get(finding);
      if (first) problems.push({ path: ["actions", a, "for", f], message: `${finding} already offers action "${first}" on ${dependencyId}; a finding offers one action` });
      else offered.set(finding, action.id);
    });
    return problems;
  });
}

function timeoutMessage(timeout: number, interval: number): string {
  return `the timeout (${formatDuration(timeout)}) must be shorter than the interval (${formatDuration(interval)})`;
}

/** A probe entry of the file, parsed: its id, instance name, schedule overrides and parameters (defaults applied). */
export interface ProbeEntry {
  probe: string;
  name?: string;
  interval?: number;
  timeout?: number;
  params: Record<string, unknown>;
}

export type EstateFile = z.output<typeof estateFileSchema>;

/** The JSON Schema editors use to complete and check estate files. */
export function estateJsonSchema() {
  return {
    ...z.toJSONSchema(estateFileSchema, { io: "input", unrepresentable: "any" }),
    title: "Lantern estate file",
  };
}
