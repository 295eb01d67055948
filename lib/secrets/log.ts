import "server-only";
import type { Redactor } from "./redactor";

// Shared through globalThis: route bundles and instrumentation do not share module state.
const holder = globalThis as typeof globalThis & { __lanternLogRedactor?: Redactor };

/** From now on every log line passes through this estate's redactor. */
export function redactLogsWith(redactor: Redactor): void {
  holder.__lanternLogRedactor = redactor;
}

function clean(text: string): string {
  return holder.__lanternLogRedactor?.redact(text) ?? text;
}

export function logWarn(message: string): void {
  console.warn(`[lantern] ${clean(message)}`);
}

export function logError(message: string, error?: unknown): void {
  const detail = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : error === undefined ? "" : String(error);
  console.error(`[lantern] ${clean(message)}${detail ? ` ${clean(detail)}` : ""}`);
}
