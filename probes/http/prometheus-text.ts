/**
 * The Prometheus text exposition format, read into samples, and series
 * selectors to pick from them. Written here because the parser on npm drops
 * the labels and the _sum/_count of histograms, which the quantile rules need.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

function unescape(value: string): string {
  return value.replace(/\\(n|\\|")/g, (_, c: string) => (c === "n" ? "\n" : c));
}

function parseValue(text: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return Number(text);
}

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, name, labelText = "", value] = match;
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    for (let m = LABEL.exec(labelText); m; m = LABEL.exec(labelText)) labels[m[1]!] = unescape(m[2]!);
    samples.push({ name: name!, labels, value: parseValue(value!) });
  }
  return samples;
}

type Matcher = { label: string; op: "=" | "!=" | "=~" | "!~"; value: string };

export interface Selector {
  name: string;
  matchers: Matcher[];
}

/** `http_requests_total{code=~"5..",method!="GET"}` */
export function parseSelector(text: string): Selector {
  const match = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?\s*$/.exec(text);
  if (!match) throw new Error(`not a series selector: ${text}`);
  const matchers: Matcher[] = [];
  const body = match[2] ?? "";
  const pattern = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*,?/y;
  let consumed = 0;
  for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
    matchers.push({ label: m[1]!, op: m[2] as Matcher["op"], value: unescape(m[3]!) });
    consumed = pattern.lastIndex;
  }
  if (body.slice(consumed).trim() !== "") throw new Error(`cannot read the labels of ${text}`);
  return { name: match[1]!, matchers };
}

export function matches(sample: Sample, selector: Selector, name = selector.name): boolean {
  if (sample.name !== name) return false;
  return selector.matchers.every(({ label, op, value }) => {
    const actual = sample.labels[label] ?? "";
    // Regex matchers are anchored, as in PromQL.
    if (op === "=") return actual === value;
    if (op === "!=") return actual !== value;
    const re = new RegExp(`^(?:${value})$`);
    return op === "=~" ? re.test(actual) : !re.test(actual);
  });
}

export function sum(samples: readonly Sample[], selector: Selector): number {
  return samples.filter((s) => matches(s, selector)).reduce((total, s) => total + s.value, 0);
}

/** Cumulative bucket counts by upper bound for a histogram, summed over the matching series. */
export function buckets(samples: readonly Sample[], selector: Selector): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sample of samples) {
    if (!matches(sample, selector, `${selector.name}_bucket`)) continue;
    const le = sample.labels.le ?? "+Inf";
    out[le] = (out[le] ?? 0) + sample.value;
  }
  return out;
}

/**
 * The q-quantile from cumulative bucket counts, interpolating linearly inside
 * the bucket as histogram_quantile does; the +Inf bucket answers with the
 * highest finite bound. Undefined without observations.
 */
export function quantileFromBuckets(q: number, cumulative: Record<string, number>): number | undefined {
  const bounds = Object.entries(cumulative)
    .map(([le, count]) => ({ le: le === "+Inf" ? Infinity : Number(le), count }))
    .sort((a, b) => a.le - b.le);
  const total = bounds.at(-1)?.count ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const { le, count } of bounds) {
    if (count >= rank) {
      if (le === Infinity) return previousBound;
      const inBucket = count - previousCount;
      return inBucket === 0 ? le : previousBound + (le - previousBound) * ((rank - previousCount) / inBucket);
    }
    previousBound = le;
    previousCount = count;
  }
  return previousBound;
}

/** Bucket counts between two scrapes; a counter reset starts over from the current scrape. */
export function bucketDelta(now: Record<string, number>, before: Record<string, number> | undefined): Record<string, number> {
  if (!before) return now;
  const delta: Record<string, number> = {};
  for (const [le, count] of Object.entries(now)) delta[le] = count - (before[le] ?? 0);
  return Object.values(delta).some((v) => v < 0) ? now : delta;
}
