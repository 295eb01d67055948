/**
 * Next bundles route handlers apart from instrumentation, so one class can be
 * loaded twice in one process, and `instanceof` fails between the copies: the
 * Lantern on globalThis was built by the other one. Lantern's errors carry
 * their kind under a process-wide symbol instead, and are recognised by it.
 */
const KIND = Symbol.for("lantern.error-kind");

export function markKind(error: Error, kind: string): void {
  Object.defineProperty(error, KIND, { value: kind });
}

export function isKind(error: unknown, kind: string): boolean {
  return typeof error === "object" && error !== null && (error as { [KIND]?: string })[KIND] === kind;
}
