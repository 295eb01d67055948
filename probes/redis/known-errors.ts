import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Problems no probe raises, known so the error lookup can answer them. */
export const REDIS_KNOWN_ERRORS = [
  defineFinding({
    id: "redis.wrong-type",
    title: "A key holds another kind of value",
    severities: [],
    cause: "A command expected a list, hash or string and found something else under the key: two features sharing a key name, an old format left behind, or a corrupted write.",
    steps: ["Check the key's type (TYPE) and who writes it.", "Delete the key and let it be written again, if losing it is safe; then separate the key names of the two writers."],
    commands: (target) => [target.redisCli("TYPE", "<key>"), target.redisCli("DEL", "<key>")],
    matches: ["WRONGTYPE Operation against a key holding the wrong kind of value", "WRONGTYPE"],
  }),
];
