import { describe, expect, it } from "vitest";
import { bucketDelta, buckets, parsePrometheusText, parseSelector, quantileFromBuckets, sum } from "./prometheus-text";

const TEXT = `# HELP http_requests_total HTTP requests
# TYPE http_requests_total counter
http_requests_total{method="POST",code="201"} 90
http_requests_total{method="POST",code="500"} 8
http_requests_total{method="GET",code="503"} 2
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.1",method="POST"} 50
http_request_duration_seconds_bucket{le="0.5",method="POST"} 90
http_request_duration_seconds_bucket{le="1",method="POST"} 98
http_request_duration_seconds_bucket{le="+Inf",method="POST"} 100
http_request_duration_seconds_sum{method="POST"} 21.5
http_request_duration_seconds_count{method="POST"} 100
resilience4j_circuitbreaker_state{name="payments",state="open"} 1
weird{path="a \\"b\\" c"} 1 1700000000000
`;

describe("Prometheus text", () => {
  const samples = parsePrometheusText(TEXT);

  it("reads samples with their labels, escaped quotes and timestamps", () => {
    expect(samples).toHaveLength(11);
    expect(samples.at(-1)).toEqual({ name: "weird", labels: { path: 'a "b" c' }, value: 1 });
  });

  it("sums the series a selector matches, regex anchored as in PromQL", () => {
    expect(sum(samples, parseSelector('http_requests_total{code=~"5.."}'))).toBe(10);
    expect(sum(samples, parseSelector('http_requests_total{code=~"5"}'))).toBe(0);
    expect(sum(samples, parseSelector('http_requests_total{method!="GET"}'))).toBe(98);
    expect(sum(samples, parseSelector("http_requests_total"))).toBe(100);
  });

  it("computes quantiles from buckets like histogram_quantile (hand-computed)", () => {
    const cumulative = buckets(samples, parseSelector('http_request_duration_seconds{method="POST"}'));
    expect(cumulative).toEqual({ "0.1": 50, "0.5": 90, "1": 98, "+Inf": 100 });
    // p50: rank 50 falls exactly at the end of the first bucket → 0.1.
    expect(quantileFromBuckets(0.5, cumulative)).toBeCloseTo(0.1);
    // p90: rank 90 ends the 0.1–0.5 bucket → 0.5.
    expect(quantileFromBuckets(0.9, cumulative)).toBeCloseTo(0.5);
    // p95: rank 95 is 5 of the 8 observations in 0.5–1 → 0.5 + 0.5 × 5/8 = 0.8125.
    expect(quantileFromBuckets(0.95, cumulative)).toBeCloseTo(0.8125);
    // p75: rank 75 is 25 of 40 in 0.1–0.5 → 0.1 + 0.4 × 25/40 = 0.35.
    expect(quantileFromBuckets(0.75, cumulative)).toBeCloseTo(0.35);
    // p99: rank 99 lands in +Inf → the highest finite bound.
    expect(quantileFromBuckets(0.99, cumulative)).toBe(1);
    expect(quantileFromBuckets(0.5, {})).toBeUndefined();
  });

  it("takes the buckets between two scrapes, and starts over after a reset", () => {
    const before = { "0.1": 40, "0.5": 60, "+Inf": 60 };
    const now = { "0.1": 50, "0.5": 90, "+Inf": 100 };
    expect(bucketDelta(now, before)).toEqual({ "0.1": 10, "0.5": 30, "+Inf": 40 });
    // 40 new observations, 10 ≤ 0.1 and 20 in 0.1–0.5: p50 at rank 20 is 10 of those 20 → 0.1 + 0.4 × 10/20 = 0.3.
    expect(quantileFromBuckets(0.5, bucketDelta(now, before))).toBeCloseTo(0.3);
    expect(bucketDelta({ "+Inf": 5 }, { "+Inf": 50 })).toEqual({ "+Inf": 5 });
  });
});
