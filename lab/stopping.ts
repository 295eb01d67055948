import type { ChildProcess } from "node:child_process";

/**
 * How long one step of a stop may take: a little more than the 2 s Lantern's
 * server gives its open connections. systemd, Docker, `timeout` and a closed
 * terminal signal the demo's whole process group, so Birb Nest's redis-server
 * and Lantern die at the same moment as the lab: whatever still waits on them
 * must not hold up the rest of the stop.
 */
export const STEP_MS = 3_000;

/** Waits for one step of a stop, at most `ms`; resolves with the step's error, or with why it gave up on it. */
export async function bounded(what: string, work: Promise<unknown>, ms = STEP_MS): Promise<Error | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<Error>((resolve) => {
    timer = setTimeout(() => {
      const error = new Error(`${what} did not finish within ${ms} ms`);
      console.warn(`[lab] ${error.message}; stopping the rest without it`);
      resolve(error);
    }, ms);
  });
  try {
    return await Promise.race([work.then(() => undefined, toError), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM, then SIGKILL if it has not exited within `ms`; waits no longer than twice `ms`, and not at all for a child a group signal already took. */
export async function terminate(child: ChildProcess, ms = STEP_MS): Promise<void> {
  // kill() is a no-op on a child that has exited. One that exits around the kill
  // either has its exitCode set already, which exited() checks, or is yet to
  // emit "exit", which it hears; and its timeout covers anything else.
  child.kill("SIGTERM");
  if (await exited(child, ms)) return;
  child.kill("SIGKILL");
  await exited(child, ms);
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolve(false);
    }, ms);
    child.once("exit", onExit);
  });
}

function toError(failure: unknown): Error {
  return failure instanceof Error ? failure : new Error(String(failure));
}
