/** Quotes one word for a POSIX shell, leaving plain words readable. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Joins words into a command line; words already given as references ("$VAR") stay as they are. */
export function commandLine(words: (string | { raw: string })[]): string {
  return words.map((word) => (typeof word === "string" ? shellQuote(word) : word.raw)).join(" ");
}
