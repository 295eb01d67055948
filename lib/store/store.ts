import { isKind, markKind } from "@/lib/errors/error-kind";

/** Lantern's own database, whichever backend holds it: one small interface for every table module. */
export interface Queryable {
  /** Rows of one statement; `$1`-style parameters. int8 comes back as a number and timestamps as Dates from either backend. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Store extends Queryable {
  /** "pglite" (embedded, in a folder) or "postgres" (shared by replicas). */
  readonly backend: "pglite" | "postgres";
  /** Where it lives, secrets out: the folder, or host:port/database. */
  readonly location: string;
  /** Runs `work` in one transaction: all of it is committed, or none. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Why the store cannot be used, in words for the start-up log: the start is refused with it. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
    markKind(this, "StoreError");
  }
}

/** Whether `error` is a StoreError, from whichever bundle's copy of the class. */
export const isStoreError = (error: unknown): error is StoreError => isKind(error, "StoreError");
