import type { LanternServer } from "./lantern-server";

/** Opens `count` live feeds read as browsers read them; closes them when the returned function is called, answering bytes read. */
export function openFeeds(lantern: LanternServer, count: number): () => Promise<number> {
  const controller = new AbortController();
  let bytes = 0;
  const reading = Array.from({ length: count }, async () => {
    const response = await lantern.fetch("/api/events", { signal: controller.signal });
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      bytes += value!.byteLength;
    }
  });
  return async () => {
    controller.abort();
    await Promise.all(reading);
    return bytes;
  };
}
