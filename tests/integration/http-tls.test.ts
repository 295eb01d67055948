import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Lantern } from "@/lib/engine/runtime";
import { lanternFor } from "../support/lantern-in-process";
import { freePort } from "../support/ports";

// An HTTPS service of the test's own, with a self-signed certificate for "localhost" that expires in 5 days.
const dir = mkdtempSync(join(tmpdir(), "lantern-tls-"));
let server: Server;
let lantern: Lantern;

beforeAll(async () => {
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "5", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], { stdio: "ignore" });
  const port = await freePort();
  server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (_request, response) => response.end("ok"));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  lantern = lanternFor(`
services:
  - id: t
    dependencies:
      - { id: right-name, kind: http, url: "https://localhost:${port}", probes: [{ probe: http.tls }] }
      - { id: wrong-name, kind: http, url: "https://127.0.0.1:${port}", probes: [{ probe: http.tls }] }
      - { id: plain, kind: http, url: "http://127.0.0.1:${port}", probes: [{ probe: http.tls }] }
`);
});

afterAll(async () => {
  await lantern.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const run = (dependency: string) => lantern.runner.run(lantern.estate.dependencies.get(dependency)!.probes[0]!, "manual");

it("reads expiry, trust and host name from the certificate", async () => {
  const result = await run("t.right-name");
  expect(result.status).toBe("crit");
  expect(result.data).toMatchObject({ subject: "localhost", daysLeft: 4, trusted: false, hostMatches: true });
  expect(result.findings.map((f) => `${f.definition.id}:${f.severity}`).sort()).toEqual(["http.certificate-expiry:crit", "http.certificate-invalid:crit"]);
  expect(result.findings.find((f) => f.definition.id === "http.certificate-expiry")?.summary).toMatch(/^localhost: certificate expires in 4 days/);
});

it("names a host the certificate was not issued for", async () => {
  const result = await run("t.wrong-name");
  expect(result.data).toMatchObject({ hostMatches: false });
  expect(result.summary).toMatch(/IP: 127\.0\.0\.1 is not in the cert's list/);
});

it("says plainly that a plain-HTTP service has no certificate", async () => {
  const result = await run("t.plain");
  expect(result.status).toBe("error");
  expect(result.summary).toBe("127.0.0.1:" + new URL(lantern.estate.dependencies.get("t.plain")!.url).port + " is served over plain HTTP: no certificate to check");
});
