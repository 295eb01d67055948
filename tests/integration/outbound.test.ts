import type { IncomingHttpHeaders } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estateView } from "@/lib/engine/estate-view";
import type { Lantern } from "@/lib/engine/runtime";
import { inspectToken } from "@/lib/tools/inspect-token";
import { JwksCache } from "@/lib/tools/jwks-cache";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { instance, lanternFor } from "../support/lantern-in-process";

// What Lantern sends to whom: a dependency's credentials stay with its origin, and keys are fetched once per TTL.
const DEPENDENCY_TOKEN = "dep-token-7Hq2xZ9pLm";
const PROVIDER_KEY = "provider-key-4Rt8wQ1vNb";

describe("a request carries the dependency's headers to its own origin only", () => {
  let indexer: Awaited<ReturnType<typeof startHttpEndpoint>>;
  let provider: Awaited<ReturnType<typeof startHttpEndpoint>>;
  let lantern: Lantern;
  const seen: { indexer: IncomingHttpHeaders[]; provider: IncomingHttpHeaders[] } = { indexer: [], provider: [] };

  beforeAll(async () => {
    indexer = await startHttpEndpoint((request, response) => {
      seen.indexer.push(request.headers);
      json(200, { latestBlock: 1_000 })(request, response);
    });
    provider = await startHttpEndpoint((request, response) => {
      seen.provider.push(request.headers);
      json(200, { jsonrpc: "2.0", id: 1, result: "0x3f2" })(request, response);
    });
    lantern = lanternFor(
      `
services:
  - id: chain
    dependencies:
      - id: indexer
        kind: http
        url: "${indexer.url}"
        headers: { Authorization: "Bearer \${DEPENDENCY_TOKEN}" }
        probes:
          - probe: http.lag
            path: /status
            field: latestBlock
            reference: { url: "${provider.url}/rpc", jsonrpc: eth_blockNumber, headers: { X-Provider-Key: "\${PROVIDER_KEY}" } }
`,
      { DEPENDENCY_TOKEN, PROVIDER_KEY },
    );
  });

  afterAll(async () => {
    await lantern.stop();
    await indexer.stop();
    await provider.stop();
  });

  it("the reference (another origin) never sees the dependency's Authorization, and gets its own headers", async () => {
    const result = await lantern.runner.run(instance(lantern.estate, "chain.indexer/http.lag"), "manual");
    expect(result).toMatchObject({ status: "warn", data: { position: 1_000, head: 1_010, lag: 10 } });
    expect(seen.indexer.map((h) => h.authorization)).toEqual([`Bearer ${DEPENDENCY_TOKEN}`]);
    expect(seen.provider.map((h) => h.authorization)).toEqual([undefined]);
    expect(seen.provider.map((h) => h["x-provider-key"])).toEqual([PROVIDER_KEY]);
  });

  it("the commands to check by hand follow the same rule and name the variables", () => {
    const view = estateView(lantern);
    const commands = [view.services[0]!.dependencies[0]!.probes[0]!.cli, ...view.findings.flatMap((f) => f.runbook.commands)];
    const toProvider = commands.filter((c) => c.includes(`${provider.url}/rpc`));
    expect(toProvider).toHaveLength(1);
    expect(toProvider[0]).toContain('-H "X-Provider-Key: ${PROVIDER_KEY}"');
    expect(toProvider[0]).not.toContain("Authorization");
    expect(commands.find((c) => c.includes(`${indexer.url}/status`))).toContain('-H "Authorization: Bearer ${DEPENDENCY_TOKEN}"');
    expect(JSON.stringify(view)).not.toContain(DEPENDENCY_TOKEN);
    expect(JSON.stringify(view)).not.toContain(PROVIDER_KEY);
  });
});

describe("the token inspector's JWKS", () => {
  let jwks: Awaited<ReturnType<typeof startHttpEndpoint>>;
  let fetches = 0;
  let sign: () => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const key = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    jwks = await startHttpEndpoint((request, response) => {
      fetches += 1;
      json(200, { keys: [key] })(request, response);
    });
    sign = () => new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "k1" }).setSubject("auth_1").setIssuedAt().setExpirationTime("5m").sign(privateKey);
  });

  afterAll(() => jwks.stop());

  it("is fetched once per TTL however many tokens are inspected", async () => {
    const cache = new JwksCache();
    const rules = { jwksUrl: `${jwks.url}/.well-known/jwks.json`, algorithms: ["RS256"], clockToleranceSeconds: 30 };
    const reports = await Promise.all(Array.from({ length: 200 }, async () => inspectToken(await sign(), rules, cache)));
    expect(reports.every((r) => r.verdict === "valid")).toBe(true);
    expect(fetches).toBe(1);
  });

  it("is fetched again once the TTL has passed", async () => {
    fetches = 0;
    const cache = new JwksCache(50);
    const rules = { jwksUrl: `${jwks.url}/.well-known/jwks.json`, algorithms: ["RS256"], clockToleranceSeconds: 30 };
    await inspectToken(await sign(), rules, cache);
    await inspectToken(await sign(), rules, cache);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await inspectToken(await sign(), rules, cache);
    expect(fetches).toBe(2);
  });
});
