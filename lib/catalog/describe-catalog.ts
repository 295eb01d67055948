import { z } from "zod";
import type { Severity } from "@/lib/probe-kit/define-finding";
import type { ProbeDefinition } from "@/lib/probe-kit/define-probe";
import { PROBES } from "@/probes/catalog";

export interface ParameterDescription {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  description?: string;
}

export interface ProbeDescription {
  id: string;
  kind: string;
  title: string;
  reads: string;
  parameters: ParameterDescription[];
  findings: { id: string; title: string; severities: readonly Severity[] }[];
}

type JsonSchema = { type?: string | string[]; enum?: unknown[]; const?: unknown; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; properties?: Record<string, JsonSchema>; required?: string[]; default?: unknown; description?: string };

/** Every probe, its parameters (from its zod schema) and the findings it raises: what `lantern catalog` prints and the README's table shows. */
export function describeCatalog(probes: readonly ProbeDefinition[] = PROBES): ProbeDescription[] {
  return probes.map((probe) => {
    const schema = z.toJSONSchema(probe.params, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    return {
      id: probe.id,
      kind: probe.kind,
      title: probe.title,
      reads: probe.reads,
      parameters: Object.entries(schema.properties ?? {}).map(([name, property]) => ({
        name,
        type: typeOf(property),
        required: required.has(name) && property.default === undefined,
        ...(property.default !== undefined ? { default: property.default } : {}),
        ...(property.description ? { description: property.description } : {}),
      })),
      findings: probe.findings.map((finding) => ({ id: finding.id, title: finding.title, severities: finding.severities })),
    };
  });
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map(typeOf).join(" | ");
  if (schema.type === "array") return `${schema.items ? typeOf(schema.items) : "any"}[]`;
  if (schema.type === "object" && schema.properties) return `{ ${Object.keys(schema.properties).join(", ")} }`;
  if (schema.type === "object") return "map";
  if (schema.type === "integer") return "number";
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
}

function shown(value: unknown): string {
  if (typeof value === "number") return value.toLocaleString("en-US", { maximumFractionDigits: 6 });
  return JSON.stringify(value);
}

/** The catalog for people: one block per probe. */
export function catalogText(probes = describeCatalog()): string {
  return probes
    .map((probe) => {
      const parameters = probe.parameters.map(
        (p) => `    ${p.name}${p.required ? " (required)" : ""}: ${p.type}${p.default !== undefined ? ` = ${shown(p.default)}` : ""}${p.description ? ` — ${p.description}` : ""}`,
      );
      const findings = probe.findings.map((f) => `    ${f.id} [${f.severities.join(", ")}] ${f.title}`);
      return [`${probe.id} — ${probe.title}`, `  reads: ${probe.reads}`, "  parameters:", ...(parameters.length ? parameters : ["    (none)"]), "  findings:", ...(findings.length ? findings : ["    (none)"])].join("\n");
    })
    .join("\n\n");
}

/** The README's probe table, generated: a test fails when the README's copy differs. */
export function probeTableMarkdown(probes = describeCatalog()): string {
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  const rows = probes.map((probe) => {
    const parameters = probe.parameters.map((p) => `\`${p.name}\`${p.default !== undefined ? ` ${escape(shown(p.default))}` : p.required ? " (required)" : ""}`).join(", ") || "—";
    const findings = probe.findings.map((f) => `\`${f.id}\``).join(", ") || "—";
    return `| \`${probe.id}\` | ${escape(probe.reads)} | ${parameters} | ${findings} |`;
  });
  return ["| probe | reads | parameters (defaults) | findings |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
