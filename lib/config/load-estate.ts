import "server-only";
import { readFileSync, statSync } from "node:fs";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import type { HttpAction } from "@/lib/probe-kit/define-fix";
import { findProbe, DEFAULT_PROBES } from "@/probes/catalog";
import { Redactor, type Secret } from "@/lib/secrets/redactor";
import { collectSecrets } from "./collect-secrets";
import { ConfigError, type ConfigProblem } from "./config-error";
import type { Dependency, Estate, ProbeInstance, Service } from "./estate";
import { estateFileSchema, type EstateFile, type ProbeEntry } from "./estate-schema";
import { interpolate, type Env } from "./interpolate";

export const DEFAULT_ESTATE_FILE = "./lantern.yaml";

export function estateFilePath(env: Env = process.env): string {
  return env.LANTERN_ESTATE || DEFAULT_ESTATE_FILE;
}

/** Larger than any estate we have seen by two orders of magnitude; past it, parsing alone would take seconds. */
export const MAX_ESTATE_BYTES = 4 * 1024 * 1024;
/** YAML aliases expanded at most this often: a "billion laughs" file is refused, not expanded. */
const MAX_ALIAS_COUNT = 200;

/** Reads, interpolates and validates an estate file; throws ConfigError naming every problem. */
export function loadEstate(file: string, env: Env = process.env): Estate {
  const refuse = (message: string) => new ConfigError(file, [{ path: "", message }]);
  let text: string;
  try {
    // A FIFO or a device would block the read forever, and a huge file would take minutes: look first.
    const stat = statSync(file);
    if (!stat.isFile()) throw refuse("not a regular file; give the path of a YAML file");
    if (stat.size > MAX_ESTATE_BYTES) throw refuse(`${stat.size} bytes; an estate file may be at most ${MAX_ESTATE_BYTES} bytes`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (error as Error).message;
    throw refuse(reason);
  }
  return parseEstate(text, file, env);
}

export function parseEstate(text: string, file: string, env: Env = process.env): Estate {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((error) => ({ path: "", message: error.message.split("\n")[0]!, line: lines.linePos(error.pos[0]).line })),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ConfigError(file, [{ path: "", message: `${(error as Error).message.split("\n")[0]} (YAML aliases are limited to ${MAX_ALIAS_COUNT} expansions)` }]);
  }
  if (raw === null || raw === undefined) throw new ConfigError(file, [{ path: "", message: "the file is empty; it needs a list of services" }]);
  const cycle = aliasCycle(raw);
  if (cycle) throw new ConfigError(file, [{ path: cycle.join("."), message: "an alias refers to the node that contains it; the estate would never end" }]);

  const interpolated = interpolate(raw, env);
  const secrets = collectSecrets(interpolated.value, interpolated.uses);
  // A value from the environment is echoed by no error message, whatever field it landed in.
  const errorRedactor = new Redactor([...secrets, ...interpolated.uses.map(({ value, name }) => ({ value, variable: name }))]);
  const problems = interpolated.problems.map((problem) => locate(doc, lines, problem.path, problem.message));
  const parsed = estateFileSchema.safeParse(interpolated.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const problem = locate(doc, lines, issue.path as (string | number)[], errorRedactor.redact(messageOf(issue, interpolated.value)));
      // A field already reported for its missing variable needs no second message.
      if (!problems.some((known) => known.path === problem.path)) problems.push(problem);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(file, problems);
  return buildEstate(parsed.data, file, secrets);
}

/** The path of the first node that contains itself through an alias, if any. */
function aliasCycle(root: unknown): (string | number)[] | undefined {
  const ancestors = new Set<object>();
  const visit = (node: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (!node || typeof node !== "object") return undefined;
    if (ancestors.has(node)) return path;
    ancestors.add(node);
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((item, index) => [index, item]) : Object.entries(node);
    for (const [key, child] of entries) {
      const found = visit(child, [...path, key]);
      if (found) return found;
    }
    ancestors.delete(node);
    return undefined;
  };
  return visit(root, []);
}

function messageOf(issue: z.core.$ZodIssue, file: unknown): string {
  if (issue.code !== "unrecognized_keys") return issue.message;
  // A parameter that was renamed says what to write now.
  const probeId = (valueAt(file, issue.path as (string | number)[]) as { probe?: unknown } | undefined)?.probe;
  const renamed = typeof probeId === "string" ? (findProbe(probeId)?.renamed ?? {}) : {};
  return issue.keys
    .map((key) => (renamed[key] ? `"${key}" is now called "${renamed[key]}"` : `unknown field "${key}"`))
    .join("; ");
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined), root);
}

/** Names the path, and the line of the nearest part of it the file has. */
function locate(doc: Document, lines: LineCounter, path: (string | number)[], message: string): ConfigProblem {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return { path: path.join("."), message, line: lines.linePos(node.range[0]).line };
  }
  return { path: path.join("."), message };
}

function buildEstate(file: EstateFile, path: string, secrets: Secret[]): Estate {
  const services: Service[] = file.services.map((service) => ({
    id: service.id,
    name: service.name ?? service.id,
    ...(service.description ? { description: service.description } : {}),
    ...(service.group ? { group: service.group } : {}),
    ...(service.tokens ? { tokens: service.tokens } : {}),
    dependencies: service.dependencies.map((entry): Dependency => {
      const id = `${service.id}.${entry.id}`;
      const url = new URL(entry.url);
      const headers = ("headers" in entry && entry.headers ? entry.headers : {}) as Record<string, string>;
      const actions = ("actions" in entry && entry.actions ? entry.actions : []) as HttpAction[];

      const intervalMs = entry.interval ?? file.defaults.interval;
      const timeoutMs = entry.timeout ?? file.defaults.timeout;
      const entries = (entry.probes as ProbeEntry[] | undefined) ?? DEFAULT_PROBES[entry.kind].map(defaultEntry);
      const probes = entries.map(({ probe: probeId, name, interval, timeout, params }): ProbeInstance => {
        const instanceName = name ?? probeId;
        return {
          key: `${id}/${instanceName}`,
          dependencyId: id,
          probe: findProbe(probeId)!,
          name: instanceName,
          params,
          intervalMs: interval ?? intervalMs,
          timeoutMs: timeout ?? timeoutMs,
        };
      });
      return {
        id,
        serviceId: service.id,
        name: entry.name ?? entry.id,
        kind: entry.kind,
        url: entry.url,
        target: displayTarget(url),
        headers,
        actions,
        impact: entry.impact,
        intervalMs,
        timeoutMs,
        probes,
      };
    }),
  }));

  const dependencies = new Map(services.flatMap((service) => service.dependencies.map((dependency) => [dependency.id, dependency] as const)));
  return { name: file.estate, file: path, retentionMs: file.retention, access: file.access, snapshots: file.snapshots, services, dependencies, redactor: new Redactor(secrets) };
}

/** A default probe, its parameters' defaults applied as if the file had listed it bare. */
function defaultEntry(probe: string): ProbeEntry {
  return { probe, params: findProbe(probe)!.params.parse({}) as Record<string, unknown> };
}

/** host:port/path without user, password or query: what a person needs to recognise the target. */
function displayTarget(url: URL): string {
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.host}${path}`;
}
