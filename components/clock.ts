/**
 * Times in the reader's own locale and zone. One formatter each, made once:
 * `toLocaleString` with options builds a new one per call, and a service page
 * formats hundreds of times a second while its probes report.
 */
export const exactTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** Hours and minutes, for a minute or a quarter hour of history. */
export const clockTime = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
