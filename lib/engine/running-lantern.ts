import "server-only";
import type { Lantern } from "./runtime";

/**
 * The process-wide Lantern, once started. Route handlers, instrumentation.ts
 * and the proxy are bundled apart and do not share module state, even in
 * production, so it lives on globalThis; this module holds no code of the
 * engine, so a bundle that only reads it (the proxy's) carries none.
 */
export const running = globalThis as typeof globalThis & { __lantern?: Promise<Lantern> };
