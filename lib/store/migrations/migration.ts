/** One step of the store's schema; statements run in order, in the one start-up transaction. */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}
