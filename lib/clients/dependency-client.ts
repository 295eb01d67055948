/** One lazily created, bounded connection (or pool) to one dependency. */
export interface DependencyClient<C> {
  /** Connects on first use, and again after the connection was lost. */
  acquire(signal: AbortSignal): Promise<C>;
  /** Closes every socket and timer this client holds. */
  close(): Promise<void>;
}

/** Client-side timeouts end just before the probe's hard deadline (100 ms or 10 % before it), so sockets are closed by their owner. */
export function clientTimeoutMs(probeTimeoutMs: number): number {
  return Math.max(Math.floor(probeTimeoutMs * 0.9), probeTimeoutMs - 100);
}

/** Rejects as soon as the signal fires, for steps that cannot take an AbortSignal themselves. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
