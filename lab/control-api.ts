import { json, LabHttpService } from "./systems/http-kit";
import { PORTS } from "./lab-config";
import { UnknownScenarioError, type Lab } from "./lab";

/** The lab's control surface: the CLI and Lantern's Lab page both use it. */
export function controlApi(lab: Lab): LabHttpService {
  const http = new LabHttpService("lab-control", PORTS.control);
  const act = (verb: "apply" | "revert") => async (_request: unknown, url: URL) => {
    const id = decodeURIComponent(url.pathname.split("/")[2] ?? "");
    try {
      const changed = await lab[verb](id);
      return json(200, { id, changed, scenarios: lab.list() });
    } catch (error) {
      if (error instanceof UnknownScenarioError) return json(404, { error: error.message });
      return json(500, { error: `${verb} ${id} failed: ${(error as Error).message}` });
    }
  };
  http
    .on("GET", "/health", () => json(200, { status: "ok" }))
    .on("GET", "/scenarios", () => json(200, { scenarios: lab.list() }))
    .on("POST", "/reset", async () => {
      await lab.reset();
      return json(200, { scenarios: lab.list() });
    })
    .on("POST", "/scenarios/*", (request, url) => {
      const verb = url.pathname.split("/")[3];
      return verb === "apply" || verb === "revert" ? act(verb)(request, url) : json(404, { error: "POST /scenarios/<id>/apply or /scenarios/<id>/revert" });
    });
  return http;
}
