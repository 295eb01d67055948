import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./server-node-flags";

describe("the server's V8 flags", () => {
  it("are on the command line of npm start and npm run dev, as on every server the tests and the demo spawn", () => {
    const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(["node", ...SERVER_NODE_FLAGS, "server.mjs"].join(" "));
    expect(scripts.dev).toBe(["node", ...SERVER_NODE_FLAGS, "server.mjs", "--dev"].join(" "));
  });
});
