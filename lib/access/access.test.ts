import { describe, expect, it } from "vitest";
import { accessSchema } from "./access-schema";
import { Access, type Credentials } from "./access";
import { sha256Hex } from "./token-hash";
import { addressMatcher } from "./trusted-addresses";

const credentials = (over: Partial<Credentials> & { headers?: Record<string, string> } = {}): Credentials => ({
  authorization: null,
  sessionId: undefined,
  peer: "127.0.0.1",
  header: (name) => over.headers?.[name.toLowerCase()] ?? null,
  ...over,
});

describe("who is asking", () => {
  it("none: everyone is the operator anonymous", async () => {
    const access = new Access(accessSchema.parse({}), undefined);
    expect(await access.identify(credentials())).toEqual({ actor: { name: "anonymous", role: "operator" }, via: "none" });
  });

  it("token: a bearer token is known by its hash; a wrong one is told apart from none at all", async () => {
    const access = new Access(accessSchema.parse({ mode: "token", tokens: [{ name: "grafana", role: "viewer", sha256: sha256Hex("s3cret-token") }] }), undefined);
    expect(await access.identify(credentials({ authorization: "Bearer s3cret-token" }))).toEqual({ actor: { name: "grafana", role: "viewer" }, via: "bearer" });
    expect(await access.identify(credentials({ authorization: "Bearer s3cret-tokeN" }))).toEqual({ actor: null, via: "bad-token" });
    expect(await access.identify(credentials())).toEqual({ actor: null, via: "anonymous" });
  });

  it("proxy: the user and role headers count only from a trusted address", async () => {
    const access = new Access(
      accessSchema.parse({ mode: "proxy", proxy: { operatorValues: ["sre"], trustedAddresses: ["10.0.0.0/8", "::1"] } }),
      undefined,
    );
    const headers = { "x-forwarded-user": "alice", "x-forwarded-groups": "dev, sre" };
    expect(await access.identify(credentials({ peer: "10.1.2.3", headers }))).toEqual({ actor: { name: "alice", role: "operator" }, via: "proxy" });
    expect(await access.identify(credentials({ peer: "::ffff:10.1.2.3", headers: { "x-forwarded-user": "bob" } }))).toEqual({ actor: { name: "bob", role: "viewer" }, via: "proxy" });
    expect(await access.identify(credentials({ peer: "192.168.1.9", headers }))).toEqual({ actor: null, via: "anonymous" });
    expect(await access.identify(credentials({ peer: "10.1.2.3" }))).toEqual({ actor: null, via: "anonymous" });
  });

  it("the estate's access section is checked: hashes, networks, what each mode needs", () => {
    const issues = (input: unknown) => accessSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ mode: "token" })).toEqual(["tokens: token mode needs at least one token; `npx lantern token` makes one"]);
    expect(issues({ mode: "token", tokens: [{ name: "a", role: "operator", sha256: "plain-token" }] })?.[0]).toMatch(/^tokens.0.sha256: 64 hex digits/);
    expect(issues({ mode: "proxy" })).toEqual(["proxy: proxy mode needs the proxy's headers and trustedAddresses"]);
    expect(issues({ mode: "proxy", proxy: { trustedAddresses: ["10.0.0.0/33"] } })?.[0]).toMatch(/^proxy.trustedAddresses.0: an address or network/);
  });
});

describe("trusted addresses", () => {
  it.each([
    ["127.0.0.1", true],
    ["::ffff:127.0.0.1", true],
    ["127.0.0.2", false],
    ["10.200.3.4", true],
    ["11.0.0.1", false],
    ["::1", true],
    ["fe80::1", false],
    ["not-an-address", false],
  ])("%s → %s", (address, trusted) => {
    expect(addressMatcher(["127.0.0.1/32", "10.0.0.0/8", "::1"])(address)).toBe(trusted);
  });
});
