import type { z } from "zod";
import type { Severity } from "./define-finding";
import type { DependencyKind, Judgement, ProbeContext, ProbeDefinition } from "./define-probe";

/** One reading to judge: the data `read` would return, and what the probe knew around it. */
export interface Reading<P extends z.ZodObject = z.ZodObject, D extends z.ZodType = z.ZodType> {
  /** What the case shows, in words, for the test's name. */
  what: string;
  data: z.input<D>;
  /** Parameters as an estate file would write them; the probe's defaults fill the rest. */
  params?: Partial<z.input<P>>;
  previous?: z.input<D>;
  history?: z.input<D>[];
  /** Milliseconds since the epoch; JUDGING_NOW by default. */
  now?: number;
}

export type RaisingReading<P extends z.ZodObject = z.ZodObject, D extends z.ZodType = z.ZodType> = Reading<P, D> & { finding: string; severity: Severity };

export interface JudgingCases {
  probe: ProbeDefinition;
  /** Readings that must raise nothing. */
  healthy: Reading[];
  /** Readings that must raise `finding` at `severity`. */
  raises: RaisingReading[];
}

export const JUDGING_NOW = Date.parse("2026-11-30T12:00:00Z");

/**
 * Fixture readings for one probe's judge, kept beside the probe as
 * `<probe>.cases.ts`. probes/judging.test.ts runs every case, and fails when a
 * finding of the catalog has no case at one of its severities.
 */
export function judgingCases<K extends DependencyKind, P extends z.ZodObject, D extends z.ZodType>(
  probe: ProbeDefinition<K, P, D>,
  cases: { healthy: Reading<P, D>[]; raises: RaisingReading<P, D>[] },
): JudgingCases {
  return { probe: probe as unknown as ProbeDefinition, ...(cases as unknown as Omit<JudgingCases, "probe">) };
}

/** Judges one reading as the runner would: parameters parsed with their defaults, data checked against the probe's schema. */
export function judgeReading(probe: ProbeDefinition, reading: Reading): Judgement {
  const params = probe.params.parse(reading.params ?? {});
  const now = reading.now ?? JUDGING_NOW;
  const parse = (data: unknown) => probe.data.parse(data) as unknown;
  const context: ProbeContext<unknown> = {
    now,
    history: (reading.history ?? []).flatMap((item, index, all) => {
      const value = probe.series?.(parse(item));
      return value === undefined ? [] : [{ t: now - (all.length - index) * 1000, value }];
    }),
    ...(reading.previous !== undefined ? { previous: { data: parse(reading.previous), checkedAt: new Date(now - 1000).toISOString() } } : {}),
  };
  return probe.judge(parse(reading.data), params, context);
}
