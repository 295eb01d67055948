#!/usr/bin/env node
// Runs Lantern's TypeScript CLI under tsx, with the server condition its modules expect.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const main = fileURLToPath(new URL("../lib/cli/main.ts", import.meta.url));
const tsx = require.resolve("tsx");
const { status, signal } = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", tsx, main, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
process.exit(status ?? (signal ? 1 : 0));
