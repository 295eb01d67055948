/// <reference types="vite/client" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { probeTableMarkdown } from "@/lib/catalog/describe-catalog";
import type { FindingDefinition } from "@/lib/probe-kit/define-finding";
import { INSTANCE_KEYS, type ProbeDefinition } from "@/lib/probe-kit/define-probe";
import { FINDINGS, FIXES, PROBES } from "./catalog";

// Every module of the probe folders, as the catalog's self-check sees them.
const modules = import.meta.glob<Record<string, unknown>>(["./*/*.ts", "!./*/*.test.ts", "!./*/*.cases.ts"], { eager: true });
const exported = Object.entries(modules).flatMap(([file, module]) => Object.entries(module).map(([name, value]) => ({ where: `${file} ${name}`, value })));
const isProbe = (value: unknown): value is ProbeDefinition => typeof value === "object" && value !== null && "judge" in value && "read" in value && "kind" in value;
const isFinding = (value: unknown): value is FindingDefinition => typeof value === "object" && value !== null && "severities" in value && "cause" in value;
const findingIds = new Set(FINDINGS.map((f) => f.id));

describe("the catalog checks itself", () => {
  it("every probe defined under probes/ is registered", () => {
    const registered = new Set<unknown>(PROBES);
    expect(exported.filter(({ value }) => isProbe(value) && !registered.has(value)).map(({ where }) => where)).toEqual([]);
  });

  it("every finding defined under probes/ is in the catalog, once per id", () => {
    const known = new Set<unknown>(FINDINGS);
    const defined = exported.flatMap(({ where, value }) => (isFinding(value) ? [{ where, value }] : Array.isArray(value) ? value.filter(isFinding).map((f) => ({ where, value: f })) : []));
    expect(defined.filter(({ value }) => !known.has(value)).map(({ where, value }) => `${where} (${value.id})`)).toEqual([]);
    expect(FINDINGS.length).toBe(findingIds.size);
  });

  it("probe ids are unique and say their kind", () => {
    expect(new Set(PROBES.map((p) => p.id)).size).toBe(PROBES.length);
    expect(PROBES.filter((p) => !p.id.startsWith(`${p.kind}.`)).map((p) => p.id)).toEqual([]);
  });

  it("no probe parameter takes an instance key", () => {
    const clashes = PROBES.flatMap((probe) => Object.keys(probe.params.shape).filter((key) => (INSTANCE_KEYS as readonly string[]).includes(key)).map((key) => `${probe.id}.${key}`));
    expect(clashes).toEqual([]);
  });

  it("every `explains` names a finding that exists", () => {
    const dangling = FINDINGS.flatMap((f) => (f.explains ?? []).filter((id) => !findingIds.has(id)).map((id) => `${f.id} explains ${id}`));
    expect(dangling).toEqual([]);
  });

  it("fix ids are unique, say their kind, and a finding offers only fixes of its own kind", () => {
    expect(new Set(FIXES.map((f) => f.id)).size).toBe(FIXES.length);
    expect(FIXES.filter((f) => !f.id.startsWith(`${f.kind}.`)).map((f) => f.id)).toEqual([]);
    const wrongKind = FINDINGS.flatMap((finding) => (finding.fixes ?? []).filter((fix) => !finding.id.startsWith(`${fix.kind}.`)).map((fix) => `${finding.id} → ${fix.id}`));
    expect(wrongKind).toEqual([]);
  });

  it("every renamed parameter points to a parameter that exists", () => {
    const wrong = PROBES.flatMap((probe) => Object.entries(probe.renamed ?? {}).filter(([, now]) => !(now in probe.params.shape)).map(([old, now]) => `${probe.id}: ${old} → ${now}`));
    expect(wrong).toEqual([]);
  });

  it("the README's probe table is the one the catalog generates (npm run generate)", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const table = /<!-- probes:start -->\n([\s\S]*?)\n<!-- probes:end -->/.exec(readme)?.[1];
    expect(table).toBe(probeTableMarkdown());
  });
});
