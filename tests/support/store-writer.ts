// Writes rows one transaction at a time and prints each once committed, until killed: the kill -9 test's victim.
import { openStore } from "@/lib/store/open-store";

const store = await openStore(process.env, () => undefined);
await store.query("CREATE TABLE IF NOT EXISTS kill_test (n integer PRIMARY KEY, filler text NOT NULL)");
for (let n = 1; ; n += 1) {
  await store.transaction(async (tx) => {
    await tx.query("INSERT INTO kill_test (n, filler) VALUES ($1, $2)", [n, "x".repeat(500)]);
  });
  process.stdout.write(`${n}\n`);
}
