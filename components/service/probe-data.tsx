import { StatusBadge } from "../status-badge";

type Component = { name: string; status: "ok" | "warn" | "crit" | "unknown"; said: string; detail?: string };

function isComponentList(value: unknown): value is Component[] {
  return Array.isArray(value) && value.every((item) => item && typeof item === "object" && "name" in item && "status" in item);
}

function label(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function show(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2);
  return String(value);
}

/** The facts a probe read, as a short list; parts of a health document as sub-rows. */
export function ProbeData({ data }: { data: unknown }) {
  if (!data || typeof data !== "object") return null;
  const entries = Object.entries(data as Record<string, unknown>);
  const facts = entries.filter(([, value]) => value !== null && value !== undefined && typeof value !== "object");
  const nested = entries.filter(([, value]) => value && typeof value === "object" && !Array.isArray(value)) as [string, Record<string, unknown>][];
  const components = entries.find(([, value]) => isComponentList(value) && value.length > 0)?.[1] as Component[] | undefined;

  return (
    <div className="flex flex-col gap-2">
      {components && (
        <ul className="flex flex-col gap-1 border-l-2 border-zinc-200 pl-3 dark:border-zinc-700" aria-label="Components">
          {components.map((component) => (
            <li key={component.name} className="flex flex-wrap items-center gap-2 text-sm">
              <StatusBadge status={component.status} size="sm" />
              <span className="font-medium">{component.name}</span>
              <span className="text-zinc-500 dark:text-zinc-400">says “{component.said}”</span>
              {component.detail && <span className="text-zinc-600 dark:text-zinc-300">{component.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      {(facts.length > 0 || nested.length > 0) && (
        <details className="text-xs text-zinc-600 dark:text-zinc-400">
          <summary className="cursor-pointer select-none rounded focus-visible:outline-2 focus-visible:outline-sky-600">What was read</summary>
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5">
            {[...facts, ...nested.flatMap(([group, values]) => Object.entries(values).filter(([, v]) => typeof v !== "object").map(([k, v]) => [`${group} ${k}`, v] as const))].map(([key, value]) => (
              <div key={key} className="contents">
                <dt>{label(key)}</dt>
                <dd className="font-mono text-zinc-800 dark:text-zinc-200">{show(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}
