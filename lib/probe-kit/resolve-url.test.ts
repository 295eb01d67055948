import { describe, expect, it } from "vitest";
import { resolveUrl } from "./resolve-url";

describe("resolveUrl", () => {
  it.each([
    ["http://api:8080", undefined, "http://api:8080/"],
    ["http://api:8080", "/health", "http://api:8080/health"],
    ["http://api:8080/v1", "/health", "http://api:8080/v1/health"],
    ["http://api:8080/v1/", "health?x=1", "http://api:8080/v1/health?x=1"],
    ["http://api:8080/v1?key=a/b", "/health", "http://api:8080/v1/health"],
    ["http://api:8080/v1", "https://rpc.example/x", "https://rpc.example/x"],
  ])("%s + %s → %s", (base, path, expected) => expect(resolveUrl(new URL(base), path).href).toBe(expected));
});
