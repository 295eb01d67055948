import { isIP } from "node:net";
import { z } from "zod";

export const ROLES = ["viewer", "operator"] as const;
export type Role = (typeof ROLES)[number];

const cidrSchema = z.string().refine(
  (text) => {
    const [address = "", prefix] = text.split("/");
    const family = isIP(address);
    if (family === 0) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
  },
  { error: 'an address or network such as "127.0.0.1/32" or "10.0.0.0/8"' },
);

const tokenSchema = z.strictObject({
  name: z.string().min(1).max(64).describe("Who holds the token: shown in the header, the audit log and the timeline"),
  role: z.enum(ROLES).describe("viewer: sees everything, takes snapshots; operator: also runs fixes, probe now, the lab"),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: "64 hex digits: the token's SHA-256, as `npx lantern token` prints it (never the token itself)" })
    .transform((hex) => hex.toLowerCase()),
});

const proxySchema = z.strictObject({
  userHeader: z.string().default("X-Forwarded-User").describe("The header the auth proxy puts the user's name in"),
  roleHeader: z.string().default("X-Forwarded-Groups").describe("The header with the user's groups, comma separated"),
  operatorValues: z.array(z.string()).default([]).describe("Groups that make an operator; everyone else the proxy lets through is a viewer"),
  trustedAddresses: z.array(cidrSchema).min(1).describe("Where the proxy connects from; those headers from anywhere else are ignored"),
});

/** Who may do what: nobody checked (loopback only), bearer tokens and sessions, or an auth proxy in front. */
export const accessSchema = z
  .strictObject({
    mode: z.enum(["none", "token", "proxy"]).default("none").describe("none: everyone is an operator (loopback only); token: bearer tokens and sign-in; proxy: an auth proxy's headers"),
    tokens: z.array(tokenSchema).default([]),
    proxy: proxySchema.optional(),
  })
  .superRefine((access, ctx) => {
    if (access.mode === "token" && access.tokens.length === 0) ctx.addIssue({ code: "custom", path: ["tokens"], message: "token mode needs at least one token; `npx lantern token` makes one" });
    if (access.mode === "proxy" && !access.proxy) ctx.addIssue({ code: "custom", path: ["proxy"], message: "proxy mode needs the proxy's headers and trustedAddresses" });
    const names = new Set<string>();
    const hashes = new Set<string>();
    access.tokens.forEach((token, index) => {
      if (names.has(token.name)) ctx.addIssue({ code: "custom", path: ["tokens", index, "name"], message: `two tokens are named "${token.name}"` });
      if (hashes.has(token.sha256)) ctx.addIssue({ code: "custom", path: ["tokens", index, "sha256"], message: "two tokens have the same hash" });
      names.add(token.name);
      hashes.add(token.sha256);
    });
  });

export type AccessConfig = z.output<typeof accessSchema>;
