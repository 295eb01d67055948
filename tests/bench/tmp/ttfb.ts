import { chromium } from "@playwright/test";
import { generatedEstate } from "../../support/generated-estate";
import { json, startHttpEndpoint } from "../../support/health-endpoint";
import { startLanternServer } from "../../support/lantern-server";

const web = await startHttpEndpoint(json(200, { status: "UP" }));
const lantern = await startLanternServer(generatedEstate({ services: 1000, httpUrl: web.url, interval: "30s", timeout: "3s" }));
try {
  await new Promise((r) => setTimeout(r, 35_000));
  for (const path of ["/", "/tools/errors", "/", "/tools/errors"]) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 8; i += 1) {
      const t = performance.now();
      const res = await lantern.fetch(path);
      const text = await res.text();
      size = text.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(path, "bytes", size, "ms min/median", times[0]!.toFixed(0), times[4]!.toFixed(0));
  }
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await lantern.signIn(page, "viewer");
  for (let i = 0; i < 4; i += 1) {
    await page.goto(lantern.url);
    const t = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { ttfb: n.responseStart, respEnd: n.responseEnd, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    console.log("browser", JSON.stringify(t));
  }
  if (process.env.TRACE) {
    await browser.startTracing(page, { path: "/tmp/overview-trace.json", categories: ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline"] });
    await page.goto(lantern.url);
    await page.waitForLoadState("load");
    await browser.stopTracing();
  }
  await browser.close();
} finally {
  await lantern.stop();
  await web.stop();
}
