import type { Actor } from "@/lib/access/actor";
import { RequestError } from "@/lib/api/request-error";
import type { Env } from "@/lib/config/interpolate";
import type { Estate, ProbeInstance } from "@/lib/config/estate";
import { parseEstate } from "@/lib/config/load-estate";
import { restoreFromStore } from "@/lib/engine/restore";
import { createLantern, type Lantern } from "@/lib/engine/runtime";
import { FixRunner } from "@/lib/fixes/fix-runner";
import { openStore } from "@/lib/store/open-store";
import { storeHome, type StoreHome } from "./store-backends";

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

/** Who acts in the fix and snapshot tests. */
export const ALICE: Actor = { name: "alice", role: "operator" };

/** The same, with a store of its own, restored from it as at start-up: what the fix and snapshot tests drive. */
export async function lanternOnStore(backend: StoreHome["backend"], name: string, yaml: string, env: Env = {}): Promise<{ lantern: Lantern; home: StoreHome }> {
  const home = await storeHome(backend, name);
  const store = await openStore(home.env, () => undefined);
  const lantern = createLantern(parseEstate(yaml, `${name}.yaml`, env), { store });
  await restoreFromStore(lantern, store);
  return { lantern, home };
}

let shift = 0;

/**
 * A fix runner whose clock is five minutes past the last one's: each test
 * runs outside the cooldown its predecessor started, which is not what it tests.
 */
export function laterRunner(lantern: Lantern): { runner: FixRunner; shift: number } {
  shift += 5 * 60_000;
  const at = shift;
  return { runner: new FixRunner({ ...lantern, store: lantern.records!.store, timeline: lantern.records!.timeline, clock: () => Date.now() + at }), shift: at };
}

/** The refusal a piece of work ends in, as the API would answer it. */
export async function refusal(work: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error("expected a refusal");
}
