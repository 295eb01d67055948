// Spawned by the bench: opens an existing store in a fresh process and prints what it cost, as JSON.
import { openStore } from "@/lib/store/open-store";

const before = process.memoryUsage().rss;
const started = performance.now();
const store = await openStore(process.env, () => undefined);
const openMs = performance.now() - started;
await store.query("SELECT count(*) FROM history");
console.log(JSON.stringify({ openMs, rssMiB: (process.memoryUsage().rss - before) / 1024 / 1024 }));
await store.close();
