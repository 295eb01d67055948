import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { findProbe, DEFAULT_PROBES } from "@/probes/catalog";
import { Redactor, type Secret } from "@/lib/secrets/redactor";
import { ConfigError, type ConfigProblem } from "./config-error";
import type { Dependency, Estate, ProbeInstance, Service } from "./estate";
import { estateFileSchema, type EstateFile, type ProbeEntry } from "./estate-schema";
import { interpolate, type Env } from "./interpolate";

export const DEFAULT_ESTATE_FILE = "./lantern.yaml";

export function estateFilePath(env: Env = process.env): string {
  return env.LANTERN_ESTATE || DEFAULT_ESTATE_FILE;
}

/** Reads, interpolates and validates an estate file; throws ConfigError naming every problem. */
export function loadEstate(file: string, env: Env = process.env): Estate {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (error as Error).message;
    throw new ConfigError(file, [{ path: "", message: reason }]);
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
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) throw new ConfigError(file, [{ path: "", message: "the file is empty; it needs a list of services" }]);

  const interpolated = interpolate(raw, env);
  const problems = interpolated.problems.map((problem) => locate(doc, lines, problem.path, problem.message));
  const parsed = estateFileSchema.safeParse(interpolated.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const problem = locate(doc, lines, issue.path as (string | number)[], messageOf(issue));
      // A field already reported for its missing variable needs no second message.
      if (!problems.some((known) => known.path === problem.path)) problems.push(problem);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(file, problems);
  return buildEstate(parsed.data, file, interpolated.used);
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return issue.message;
}

/** Names the path, and the line of the nearest part of it the file has. */
function locate(doc: Document, lines: LineCounter, path: (string | number)[], message: string): ConfigProblem {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return { path: path.join("."), message, line: lines.linePos(node.range[0]).line };
  }
  return { path: path.join("."), message };
}

function buildEstate(file: EstateFile, path: string, variables: Map<string, string>): Estate {
  const secrets: Secret[] = [];
  const variableOf = new Map([...variables].map(([name, value]) => [value, name]));
  // A secret field's whole value is secret, and so is every variable written into it ("Bearer ${TOKEN}").
  const addSecret = (value: string) => {
    if (!value) return;
    secrets.push({ value, variable: variableOf.get(value) });
    for (const [name, variableValue] of variables) {
      if (variableValue !== value && value.includes(variableValue)) secrets.push({ value: variableValue, variable: name });
    }
  };

  for (const service of file.services) if (service.tokens?.secret) addSecret(service.tokens.secret);
  const services: Service[] = file.services.map((service) => ({
    id: service.id,
    name: service.name ?? service.id,
    ...(service.description ? { description: service.description } : {}),
    ...(service.tokens ? { tokens: service.tokens } : {}),
    dependencies: service.dependencies.map((entry): Dependency => {
      const id = `${service.id}.${entry.id}`;
      const url = new URL(entry.url);
      addSecret(decodeURIComponent(url.password));
      if (entry.kind === "nats" && !url.password) addSecret(decodeURIComponent(url.username));
      for (const [key, value] of url.searchParams) if (/pass|token|secret|key/i.test(key)) addSecret(value);
      const headers = ("headers" in entry && entry.headers ? entry.headers : {}) as Record<string, string>;
      for (const [name, value] of Object.entries(headers)) if (/auth|token|key|secret|cookie/i.test(name)) addSecret(value);

      const intervalMs = entry.interval ?? file.defaults.interval;
      const timeoutMs = entry.timeout ?? file.defaults.timeout;
      const entries = (entry.probes as ProbeEntry[] | undefined) ?? DEFAULT_PROBES[entry.kind].map((probe): ProbeEntry => ({ probe }));
      const probes = entries.map(({ probe: probeId, name, interval, timeout, ...params }): ProbeInstance => {
        const probe = findProbe(probeId)!;
        const instanceName = name ?? probeId;
        return {
          key: `${id}/${instanceName}`,
          dependencyId: id,
          probe,
          name: instanceName,
          // Defaults listed in no file still apply: parse the probe's own params.
          params: probe.params.parse(params) as Record<string, unknown>,
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
        impact: entry.impact,
        intervalMs,
        timeoutMs,
        probes,
      };
    }),
  }));

  const dependencies = new Map(services.flatMap((service) => service.dependencies.map((dependency) => [dependency.id, dependency] as const)));
  return { name: file.estate, file: path, services, dependencies, redactor: new Redactor(secrets) };
}

/** host:port/path without user, password or query: what a person needs to recognise the target. */
function displayTarget(url: URL): string {
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.host}${path}`;
}
