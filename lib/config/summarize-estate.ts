import type { Estate } from "./estate";

function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

/** "3 services, 7 dependencies, 12 probes" */
export function summarizeEstate(estate: Estate): string {
  const probes = [...estate.dependencies.values()].reduce((sum, dependency) => sum + dependency.probes.length, 0);
  return [count(estate.services.length, "service"), count(estate.dependencies.size, "dependency", "dependencies"), count(probes, "probe")].join(", ");
}
