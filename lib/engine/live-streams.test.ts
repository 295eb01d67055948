import { describe, expect, it } from "vitest";
import type { FindingView } from "@/lib/api/estate-view-schema";
import { createLanternMetrics } from "@/lib/metrics/lantern-metrics";
import { EventBus } from "./event-bus";
import { LiveStreams } from "./live-streams";

const finding = (summary: string) => ({ key: "s.db/x", id: "x", summary }) as unknown as FindingView;

function setup(maxQueuedBytes = 4096) {
  const bus = new EventBus();
  const metrics = createLanternMetrics({ processMetrics: false });
  const live = new LiveStreams(bus, metrics, maxQueuedBytes);
  const publish = (summary: string) => bus.publish({ type: "finding", action: "raised", finding: finding(summary) });
  return { bus, metrics, live, publish };
}

describe("LiveStreams", () => {
  it("serialises an event once: every stream gets the very same bytes", async () => {
    const { live, publish } = setup();
    const readers = [live.open(new AbortController().signal), live.open(new AbortController().signal)].map((s) => s.getReader());
    for (const reader of readers) await reader.read(); // the retry line
    publish("12,000 jobs");
    const [a, b] = await Promise.all(readers.map(async (reader) => (await reader.read()).value!));
    expect(a).toBe(b);
    expect(new TextDecoder().decode(a)).toMatch(/^event: finding\ndata: \{"action":"raised","finding":\{.*"summary":"12,000 jobs"\}\}\n\n$/);
  });

  it("drops a stream whose reader falls behind, frees it at once, and keeps the readers that keep up", async () => {
    const { live, metrics, publish } = setup(4096);
    const idle = live.open(new AbortController().signal);
    const reading = live.open(new AbortController().signal).getReader();
    await reading.read(); // the retry line
    const received: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      publish(`reading ${i} ${"x".repeat(200)}`);
      received.push(new TextDecoder().decode((await reading.read()).value));
    }
    expect(live.size).toBe(1);
    expect((await metrics.sseDropped.get()).values[0]?.value).toBe(1);
    expect((await metrics.sseClients.get()).values[0]?.value).toBe(1);
    // The dropped stream errors as an abort: the server hangs up without logging a failed response.
    await expect(idle.getReader().read()).rejects.toMatchObject({ name: "AbortError" });
    expect(received.at(-1)).toContain("reading 99");
  });

  it("a stream that is never read (a HEAD, a client that never reads) holds at most its bound", () => {
    const { live, publish } = setup(4096);
    for (let i = 0; i < 50; i += 1) live.open(new AbortController().signal);
    expect(live.size).toBe(50);
    for (let i = 0; i < 100; i += 1) publish("y".repeat(200));
    expect(live.size).toBe(0);
  });

  it("closes a stream when its client goes away, and every stream on shutdown", () => {
    const { bus, live, metrics } = setup();
    const gone = new AbortController();
    live.open(gone.signal);
    live.open(new AbortController().signal);
    gone.abort();
    expect(live.size).toBe(1);
    bus.publish({ type: "shutdown" });
    expect(live.size).toBe(0);
    return expect(metrics.sseClients.get()).resolves.toMatchObject({ values: [{ value: 0 }] });
  });
});
