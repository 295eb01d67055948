import type { Env } from "@/lib/config/interpolate";
import type { Estate, ProbeInstance } from "@/lib/config/estate";
import { parseEstate } from "@/lib/config/load-estate";
import { createLantern, type Lantern } from "@/lib/engine/runtime";

/** A Lantern of the test's own, in this process, on an estate written inline. */
export function lanternFor(yaml: string, env: Env = {}): Lantern {
  return createLantern(parseEstate(yaml, "test-estate.yaml", env));
}

export function instance(estate: Estate, key: string): ProbeInstance {
  for (const dependency of estate.dependencies.values()) {
    const found = dependency.probes.find((probe) => probe.key === key);
    if (found) return found;
  }
  throw new Error(`no probe instance ${key}`);
}
