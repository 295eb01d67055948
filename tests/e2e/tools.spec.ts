import { expect, test } from "@playwright/test";
import { SignJWT } from "jose";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { accessSecretsOf, leakedIn } from "../support/access-secrets";
import { startLanternServer, type LanternServer } from "../support/lantern-server";

// The token inspector and the error lookup, in the browser and over HTTP.
const SECRET = "tools-e2e-jwt-secret-31415926";
let lantern: LanternServer;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;

test.beforeAll(async () => {
  web = await startHttpEndpoint(json(200, { status: "healthy" }));
  lantern = await startLanternServer(
    `
estate: Tools test
services:
  - id: user-sync
    name: user-sync
    tokens: { secret: "\${TOOLS_JWT_SECRET}", audience: go-backend, issuer: bun-monolith }
    dependencies:
      - { id: api, kind: http, url: "${web.url}" }
`,
    { TOOLS_JWT_SECRET: SECRET },
  );
});

test.afterAll(async () => {
  await lantern?.stop();
  await web?.stop();
});

const sign = (secret: string, exp: string | number = "10m", audience = "go-backend") =>
  new SignJWT({ role: "admin" }).setProtectedHeader({ alg: "HS256" }).setSubject("auth_007").setIssuer("bun-monolith").setAudience(audience).setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));

test("the token inspector gives each verdict in words", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  await page.goto(`${lantern.url}/tools/token`);
  const cases: [string, RegExp, string][] = [
    [await sign(SECRET), /^Valid/, "valid"],
    [await sign(SECRET, Math.floor(Date.now() / 1000) - 600), /^Expired/, "expired"],
    [await sign("someone-elses-secret-271828"), /^Signed with another secret/, "wrong-secret"],
    [await sign(SECRET, "10m", "payments"), /^Wrong audience/, "wrong-audience"],
    ["not.a.jwt", /^Malformed/, "malformed"],
  ];
  for (const [token, words, verdict] of cases) {
    await page.getByLabel("Token", { exact: true }).fill(token);
    await page.getByRole("button", { name: "Inspect" }).click();
    await expect(page.locator(`section[data-verdict="${verdict}"]`)).toBeVisible();
    await expect(page.getByTestId("verdict")).toHaveText(words);
  }
  await page.screenshot({ path: "tests/e2e/screenshots/token-inspector.png", fullPage: true });
});

test("the token never comes back, nor reaches a log line or a metric", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  const token = await sign(SECRET);
  const answer = await lantern.fetch(`/api/tools/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, serviceId: "user-sync" }) });
  expect(answer.status).toBe(200);
  const body = await answer.text();
  expect(JSON.parse(body).verdict).toBe("valid");
  const bad = await lantern.fetch(`/api/tools/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, serviceId: "user-sync", extra: true }) });
  expect(bad.status).toBe(400);
  const badBody = await bad.text();
  const metrics = await (await lantern.fetch(`/api/metrics`)).text();
  for (const part of token.split(".")) {
    expect(body).not.toContain(part);
    expect(badBody).not.toContain(part);
    expect(metrics).not.toContain(part);
    expect(lantern.output()).not.toContain(part);
  }
  expect(body).not.toContain(SECRET);
  // Nor do Lantern's own credentials: its tokens, their hashes, a signed-in browser's cookies.
  const access = await accessSecretsOf(lantern, page);
  expect(leakedIn([body, badBody, metrics].join("\n"), access)).toEqual([]);
  expect(leakedIn(lantern.output(), access)).toEqual([]);
});

test("the error lookup answers from the header's search box, best runbook first", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  await page.goto(lantern.url);
  const search = page.getByPlaceholder("Look up an error…");
  await search.fill("pq: remaining connection slots are reserved for non-replication superuser connections");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/tools\/errors\?q=/);
  const first = page.locator("li[data-result]").first();
  await expect(first).toHaveAttribute("data-result", "postgres.pool-exhaustion");
  await expect(first.getByText("Connections close to exhaustion")).toBeVisible();
  await page.getByLabel("Error message or code", { exact: true }).fill("AUTH_005");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.locator("li[data-result]").first()).toHaveAttribute("data-result", "http.auth-005");
  await page.screenshot({ path: "tests/e2e/screenshots/error-lookup.png", fullPage: true });
});
