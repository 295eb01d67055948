/** A count with its noun: "1 slot", "3 slots", "2 queries". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** What a fix reached of its targets: "2 queries" when all, "1 of 2 queries" when some were gone by then. */
export function partOf(done: number, total: number, word: string, many = `${word}s`): string {
  return done === total ? plural(done, word, many) : `${done} of ${plural(total, word, many)}`;
}
