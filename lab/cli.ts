// npm run lab -- list | apply <id> | revert <id> | reset | start
import { controlApi } from "./control-api";
import { Lab } from "./lab";
import { LAB_HOST, PORTS } from "./lab-config";
import { findScenario, SCENARIOS } from "./scenarios/catalog";
import { bounded } from "./stopping";

const CONTROL = `http://${LAB_HOST}:${PORTS.control}`;
const USAGE = `usage: npm run lab -- <command>

  list            the scenarios, and which are applied
  apply <id>      put a system into the scenario's trouble
  revert <id>     take it out again
  reset           every system back to healthy
  start           run the lab's five systems in the foreground (npm run demo does this for you)`;

async function control(method: "GET" | "POST", path: string): Promise<{ scenarios?: { id: string; applied: boolean; system: string; title: string }[]; changed?: boolean; error?: string }> {
  let response: Response;
  try {
    response = await fetch(`${CONTROL}${path}`, { method, signal: AbortSignal.timeout(60_000) });
  } catch {
    throw new Error(`the lab is not running on ${CONTROL}; start it with \`npm run lab -- start\` or \`npm run demo\``);
  }
  const body = (await response.json()) as Awaited<ReturnType<typeof control>>;
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

function knownIds(): string {
  return SCENARIOS.map((s) => `  ${s.id.padEnd(34)} ${s.title}`).join("\n");
}

async function main(command: string | undefined, id: string | undefined): Promise<number> {
  switch (command) {
    case "list": {
      let applied = new Set<string>();
      try {
        applied = new Set((await control("GET", "/scenarios")).scenarios?.filter((s) => s.applied).map((s) => s.id));
      } catch {
        console.log("(the lab is not running: nothing is applied)\n");
      }
      for (const s of SCENARIOS) console.log(`${applied.has(s.id) ? "applied " : "        "} ${s.id.padEnd(34)} ${s.system.padEnd(15)} ${s.title}`);
      return 0;
    }
    case "apply":
    case "revert": {
      if (!id || !findScenario(id)) {
        console.error(`${id ? `no scenario "${id}"` : `${command} needs a scenario id`}; known scenarios:\n${knownIds()}`);
        return 1;
      }
      const { changed } = await control("POST", `/scenarios/${encodeURIComponent(id)}/${command}`);
      console.log(changed ? `${command === "apply" ? "applied" : "reverted"} ${id}` : `${id} was already ${command === "apply" ? "applied" : "not applied"}; nothing changed`);
      return 0;
    }
    case "reset":
      await control("POST", "/reset");
      console.log("every lab system is back to healthy");
      return 0;
    case "start": {
      const lab = await Lab.start();
      const api = controlApi(lab);
      await api.start();
      console.log(`the lab is running; control on ${CONTROL}; Ctrl-C stops it`);
      await new Promise<void>((resolve) => {
        // `on`, not `once`: a repeated signal (npm passes one on besides the group's own) must not cut the stop short.
        for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => resolve());
      });
      await bounded("stopping the lab's control API", api.stop());
      const notReset = await lab.stop();
      if (notReset) console.error(`the lab's data could not be reset (${notReset.message}); the next start resets them`);
      return notReset ? 1 : 0;
    }
    default:
      console.error(USAGE);
      return command === "help" || command === "--help" ? 0 : 1;
  }
}

const [command, id] = process.argv.slice(2);
main(command, id).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
