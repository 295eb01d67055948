import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser; each spec starts the production
// build (`next build` runs first in `npm run test:e2e`) on an estate of its own.
// The specs that run the lab share its fixed ports, so they take turns in one
// worker; every other spec owns its servers and ports, and runs beside them.
// The scale spec (1,050 services, 100 live feeds, Chromium drawing them all)
// takes both cores for minutes: it takes its turn in the first worker too, so
// no other spec's deadlines share the machine with it, nor it with them.
const FIRST_WORKER = /\/(lab|fixes|demo|scale)\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: "lab", testMatch: FIRST_WORKER, workers: 1 },
    { name: "servers", testIgnore: FIRST_WORKER, workers: 1 },
  ],
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.LANTERN_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "retain-on-failure",
  },
});
