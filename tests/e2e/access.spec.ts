import { expect, test } from "@playwright/test";
import { sha256Hex } from "@/lib/access/token-hash";
import { refusedStart, startLanternServer, type LanternServer } from "../support/lantern-server";

// Who may do what, against the production server in each access mode, and in Chromium.
const ESTATE = `
estate: Access test
defaults: { interval: 1s, timeout: 800ms }
services:
  - id: shop
    dependencies:
      - { id: cache, kind: redis, url: "redis://127.0.0.1:6379/0" }
`;

test.describe("token mode", () => {
  let lantern: LanternServer;
  test.beforeAll(async () => (lantern = await startLanternServer(ESTATE)));
  test.afterAll(() => lantern.stop());

  const run = (headers: Record<string, string>) =>
    fetch(`${lantern.url}/api/probes/run`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ dependencyId: "shop.cache" }) });

  test("no token: 401 on the API, and pages send the browser to /login", async () => {
    const estate = await fetch(`${lantern.url}/api/estate`);
    expect(estate.status).toBe(401);
    expect((await estate.json()).error.code).toBe("unauthorized");
    const page = await fetch(`${lantern.url}/services/shop`, { redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/login\?next=%2Fservices%2Fshop$/);
    // Lantern's own health stays public for load balancers, without saying what it watches.
    expect(await (await fetch(`${lantern.url}/api/health`)).json()).not.toHaveProperty("estate");
  });

  test("a viewer reads but may not act; an operator acts", async () => {
    expect((await fetch(`${lantern.url}/api/estate`, { headers: { authorization: `Bearer ${lantern.viewerToken}` } })).status).toBe(200);
    const refused = await run({ authorization: `Bearer ${lantern.viewerToken}` });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toEqual({ code: "forbidden", message: "e2e-viewer is a viewer; this needs an operator" });
    expect((await run({ authorization: `Bearer ${lantern.token}` })).status).toBe(200);
  });

  test("a signed-in browser's writes need Lantern's origin and the CSRF token", async ({ page }) => {
    await lantern.signIn(page);
    const cookies = await page.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const csrf = cookies.find((c) => c.name === "lantern_csrf")!.value;
    expect(cookies.find((c) => c.name === "lantern_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    const without = await run({ cookie, origin: lantern.url });
    expect(without.status).toBe(403);
    expect((await without.json()).error.code).toBe("csrf");
    const elsewhere = await run({ cookie, origin: "https://evil.example", "x-csrf-token": csrf });
    expect(elsewhere.status).toBe(403);
    expect((await elsewhere.json()).error.code).toBe("cross_site");
    expect((await run({ cookie, origin: lantern.url, "x-csrf-token": csrf })).status).toBe(200);
  });

  test("in Chromium: sign in with a token, see your name and role, use the pages, sign out", async ({ page }) => {
    await page.goto(`${lantern.url}/services/shop`);
    await expect(page).toHaveURL(/\/login\?next=%2Fservices%2Fshop/);
    await page.getByLabel("Access token").fill("not-the-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "token" })).toContainText("not one of this estate's");
    await page.getByLabel("Access token").fill(lantern.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${lantern.url}/services/shop`);
    await expect(page.getByTestId("signed-in")).toHaveText("e2e-operator · operator");
    await expect(page.locator('[data-dependency="shop.cache"]')).toBeVisible();
    await page.getByRole("button", { name: "Probe cache now" }).click();
    await expect(page.getByRole("button", { name: "Probe cache now" })).toHaveText("Probe now");
    await page.screenshot({ path: "tests/e2e/screenshots/signed-in.png", fullPage: true });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(`${lantern.url}/`);
    await expect(page).toHaveURL(/\/login/);
  });
});

// Its own server: the count of wrong tokens is per address, and other tests sign in wrongly on purpose.
test("wrong tokens are limited per address", async () => {
  const lantern = await startLanternServer(ESTATE);
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await fetch(`${lantern.url}/api/estate`, { headers: { authorization: `Bearer wrong-${i}` } })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  } finally {
    await lantern.stop();
  }
});

test.describe("proxy mode", () => {
  let lantern: LanternServer;
  test.afterEach(() => lantern?.stop());

  const proxied = (trusted: string) => `${ESTATE}
access:
  mode: proxy
  proxy: { userHeader: X-Forwarded-User, roleHeader: X-Forwarded-Groups, operatorValues: [sre], trustedAddresses: ["${trusted}"] }
`;
  const whoAmI = async (headers: Record<string, string>) => (await (await fetch(`${lantern.url}/api/session`, { headers })).json()).actor;
  const headers = { "x-forwarded-user": "alice", "x-forwarded-groups": "dev,sre" };

  test("the proxy's headers are believed from its address", async () => {
    lantern = await startLanternServer(proxied("127.0.0.1/32"), { access: "as-written" });
    expect(await whoAmI(headers)).toEqual({ name: "alice", role: "operator" });
    expect(await whoAmI({ "x-forwarded-user": "bob" })).toEqual({ name: "bob", role: "viewer" });
  });

  test("from any other address the same headers are ignored: the request is anonymous", async () => {
    lantern = await startLanternServer(proxied("10.9.9.9/32"), { access: "as-written" });
    expect(await whoAmI(headers)).toBeNull();
    expect((await fetch(`${lantern.url}/api/estate`, { headers })).status).toBe(401);
  });
});

test.describe("none mode", () => {
  test("everyone is the operator anonymous, and the page says so", async ({ page }) => {
    const lantern = await startLanternServer(ESTATE, { access: "as-written" });
    try {
      expect((await (await fetch(`${lantern.url}/api/session`)).json()).actor).toEqual({ name: "anonymous", role: "operator" });
      await page.goto(lantern.url);
      await expect(page.getByRole("note")).toContainText("Access mode none");
    } finally {
      await lantern.stop();
    }
  });

  test("Lantern refuses to start in none mode on an address other than loopback", async () => {
    const { code, output } = await refusedStart(ESTATE, {}, "0.0.0.0");
    expect(code).toBe(1);
    expect(output).toContain('[lantern] not starting: access mode "none" makes everyone an operator, so Lantern listens on loopback only, not 0.0.0.0');
  });
});

test("no token, hash, session id or cookie appears in any answer, page, metric or log line", async ({ page }) => {
  const lantern = await startLanternServer(ESTATE);
  try {
    await lantern.signIn(page);
    const cookies = await page.context().cookies();
    await page.goto(`${lantern.url}/services/shop`);
    await page.goto(`${lantern.url}/timeline`);
    const bodies = [await page.content()];
    for (const path of ["/api/estate", "/api/metrics", "/api/health", "/api/session", "/api/timeline", "/api/history?dependencyId=shop.cache", "/"]) bodies.push(await (await lantern.fetch(path)).text());
    const all = `${bodies.join("\n")}\n${lantern.output()}`;
    const secrets = [lantern.token, lantern.viewerToken, sha256Hex(lantern.token), sha256Hex(lantern.viewerToken), ...cookies.map((c) => c.value)];
    expect(secrets.filter((secret) => all.includes(secret))).toEqual([]);
  } finally {
    await lantern.stop();
  }
});
