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
    for (const reader of readers) await reader.read(); // the retry line and hello
    publish("12,000 jobs");
    const [a, b] = await Promise.all(readers.map(async (reader) => (await reader.read()).value!));
    expect(a).toBe(b);
    expect(new TextDecoder().decode(a)).toMatch(/^event: finding\ndata: \{"action":"raised","finding":\{.*"summary":"12,000 jobs"\}\}\n\n$/);
  });

  it("drops a stream whose reader falls behind, frees it at once, and keeps the readers that keep up", async () => {
    const { live, metrics, publish } = setup(4096);
    const idle = live.open(new AbortController().signal);
    const reading = live.open(new AbortController().signal).getReader();
    await reading.read(); // the retry line and hello
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

  it("opens with the retry delay and the views' version, so a page knows whether it missed a change", async () => {
    const { live } = setup();
    const first = await live.open(new AbortController().signal, { overview: true }, 7).getReader().read();
    expect(new TextDecoder().decode(first.value)).toBe('retry: 3000\n\nevent: hello\ndata: {"version":7}\n\n');
  });

  it("a stream that is never read (a HEAD, a client that never reads) holds at most its bound", () => {
    const { live, publish } = setup(4096);
    for (let i = 0; i < 50; i += 1) live.open(new AbortController().signal);
    expect(live.size).toBe(50);
    for (let i = 0; i < 100; i += 1) publish("y".repeat(200));
    expect(live.size).toBe(0);
  });

  it("carries what each page shows: the overview no probe pictures and findings in brief; a service page its own, in full", async () => {
    const { bus, live } = setup();
    const overview = live.open(new AbortController().signal).getReader();
    const shop = live.open(new AbortController().signal, { serviceId: "shop" }).getReader();
    for (const reader of [overview, shop]) await reader.read(); // the retry line and hello
    expect(live.watching("shop")).toBe(true);
    expect(live.watching("jobs")).toBe(false);
    const probe = (serviceId: string) => ({ type: "probe", serviceId, dependencyId: `${serviceId}.db`, probe: { name: serviceId } }) as never;
    bus.publish(probe("jobs"));
    bus.publish(probe("shop"));
    bus.publish({ type: "finding", action: "raised", finding: { ...finding("slow"), serviceId: "shop", runbook: { cause: "c", steps: [], commands: [] } } as FindingView });
    bus.publish({ type: "tick", at: "2026-11-30T12:00:00.000Z", runs: 3 });
    const decode = async (reader: ReadableStreamDefaultReader<Uint8Array>, count: number) => {
      const events: string[] = [];
      while (events.length < count) events.push(...new TextDecoder().decode((await reader.read()).value).split("\n\n").filter(Boolean));
      return events;
    };
    const seenByShop = await decode(shop, 3);
    expect(seenByShop[0]).toBe('event: probe\ndata: {"serviceId":"shop","dependencyId":"shop.db","probe":{"name":"shop"}}');
    expect(seenByShop[1]).toContain('"runbook":{"cause":"c"');
    expect(seenByShop[2]).toMatch(/^event: tick/);
    const seenByOverview = await decode(overview, 2);
    expect(seenByOverview[0]).toMatch(/^event: finding\ndata: \{"action":"raised","finding":\{"key":"s.db\/x"/);
    expect(seenByOverview[0]).not.toContain("runbook");
    expect(seenByOverview[1]).toMatch(/^event: tick/);
  });

  it("closes a stream when its client goes away, and every stream on shutdown", () => {
    const { bus, live, metrics } = setup();
    const gone = new AbortController();
    live.open(gone.signal);
    live.open(new AbortController().signal);
    const leaving = new AbortController();
    live.open(leaving.signal, { serviceId: "shop" });
    expect(live.watching("shop")).toBe(true);
    gone.abort();
    leaving.abort();
    expect(live.size).toBe(1);
    expect(live.watching("shop")).toBe(false);
    bus.publish({ type: "shutdown" });
    expect(live.size).toBe(0);
    return expect(metrics.sseClients.get()).resolves.toMatchObject({ values: [{ value: 0 }] });
  });
});
