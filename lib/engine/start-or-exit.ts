import "server-only";
import { ConfigError } from "@/lib/config/config-error";
import { startLantern } from "./runtime";

/** Server start: watch the estate, or refuse to start naming every problem in the estate file. */
export function startOrExit(): void {
  try {
    const lantern = startLantern();
    const probes = [...lantern.estate.dependencies.values()].reduce((sum, d) => sum + d.probes.length, 0);
    console.log(`[lantern] watching "${lantern.estate.name}" from ${lantern.estate.file}: ${lantern.estate.services.length} services, ${lantern.estate.dependencies.size} dependencies, ${probes} probes`);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.lines()) console.error(line);
      console.error("[lantern] not starting: fix the estate file above (npx lantern check-config <file> checks it without a server)");
      process.exit(1);
    }
    throw error;
  }
}
