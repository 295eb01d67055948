import { needsLook } from "@/lib/api/live-status";
import type { Snapshot } from "@/lib/api/snapshot-schema";
import { isProblem } from "@/lib/probe-kit/status";

const line = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

/** A snapshot for a ticket: what was wrong, with evidence and the commands to check it, what happened, what was done. */
export function snapshotMarkdown(snapshot: Snapshot, link: string, sha256: string): string {
  const { estate } = snapshot;
  const names = new Map(estate.services.map((s) => [s.id, s.name]));
  const crit = estate.findings.filter((f) => f.severity === "crit").length;
  const warn = estate.findings.length - crit;
  const out: string[] = [
    `# ${line(snapshot.title)}`,
    "",
    `Frozen at ${utc(snapshot.createdAt)} by ${snapshot.takenBy.name} (${snapshot.takenBy.role}) — ${estate.estate}: ${crit} crit, ${warn} warn.`,
    "",
  ];
  const notOk = estate.services.filter(needsLook);
  out.push("## Services not ok", "");
  if (notOk.length === 0) out.push("Every service was ok.");
  for (const service of notOk) {
    const troubled = service.dependencies.filter((d) => isProblem(d.status)).map((d) => `${d.name} ${d.status}`);
    out.push(`- **${service.name}** — ${service.status}${troubled.length ? `: ${troubled.join(", ")}` : ""}`);
  }
  out.push("", "## Findings", "");
  if (estate.findings.length === 0) out.push("No known problem was raised.");
  for (const finding of estate.findings) {
    out.push(`### [${finding.severity}] ${line(finding.title)} — ${names.get(finding.serviceId) ?? finding.serviceId} / ${finding.dependencyId}`, "");
    out.push(`- Since ${utc(finding.since)}: ${line(finding.summary)}`);
    const evidence = Object.entries(finding.evidence).filter(([, v]) => v !== null && v !== undefined && typeof v !== "object");
    if (evidence.length) out.push(`- Evidence: ${evidence.map(([k, v]) => `${k} ${String(v)}`).join("; ")}`);
    out.push(`- Likely cause: ${line(finding.runbook.cause)}`);
    if (finding.runbook.commands.length) out.push("", "```sh", ...finding.runbook.commands, "```");
    out.push("");
  }
  out.push(`## Timeline (the last ${snapshot.windowMinutes} minutes)`, "");
  if (snapshot.timeline.length === 0) out.push("Nothing changed in the window.");
  for (const entry of [...snapshot.timeline].reverse()) out.push(`- ${utc(entry.at)} — ${line(entry.summary)}`);
  out.push("", "## Fixes", "");
  if (snapshot.fixes.length === 0) out.push("No fix was run in the window.");
  for (const fix of snapshot.fixes) out.push(`- ${utc(fix.at)} — ${fix.fixId} on ${fix.dependencyId} by ${fix.actor}: **${fix.outcome}**${fix.reason ? ` (${line(fix.reason)})` : ""}`);
  if (snapshot.notes.trim()) out.push("", "## Notes", "", snapshot.notes.trim());
  out.push("", "---", "", `Integrity: SHA-256 \`${sha256}\` · Link: ${link} · Lantern ${snapshot.lanternVersion}`, "");
  return out.join("\n");
}
