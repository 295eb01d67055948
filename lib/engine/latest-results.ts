import type { ProbeResult } from "./probe-result";

export const HISTORY_LENGTH = 120;

/** The latest result of every probe instance and a bounded window of the ones before. */
export class LatestResults {
  private readonly histories = new Map<string, ProbeResult[]>();

  constructor(private readonly historyLength = HISTORY_LENGTH) {}

  record(result: ProbeResult): void {
    const history = this.histories.get(result.key) ?? [];
    history.push(result);
    if (history.length > this.historyLength) history.splice(0, history.length - this.historyLength);
    this.histories.set(result.key, history);
  }

  latest(key: string): ProbeResult | undefined {
    return this.histories.get(key)?.at(-1);
  }

  /** Oldest first. */
  history(key: string): readonly ProbeResult[] {
    return this.histories.get(key) ?? [];
  }
}
