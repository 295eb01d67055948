// The V8 flags Lantern's server runs with. They must be on its command line:
// a running heap cannot be resized. `npm start` and `npm run dev` give them
// (package.json, checked against this list by server-node-flags.test.ts), and so
// does everything that spawns server.mjs itself (the demo, the tests).
//
// A young generation of 2 × 8 MB instead of 2 × 16: Lantern allocates ~600 MB
// a minute at 5,000 probes, nearly all of it dead within a run, so a smaller
// nursery is collected more often at no cost above run-to-run noise (1,000
// services, two 6-min runs: CPU 14.1 and 15.4 % of a core against 15.4 %)
// and RSS sits 15–25 MiB lower (means 273 and 283 MiB against 298).
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=8"];
