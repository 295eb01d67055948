import "server-only";
import { isConfigError } from "@/lib/config/config-error";
import { summarizeEstate } from "@/lib/config/summarize-estate";
import { isStoreError } from "@/lib/store/store";
import { startLantern } from "./runtime";

/**
 * Server start: watch the estate, or refuse to start naming every problem in
 * the estate file. Whatever else fails here fails the start too: a server that
 * listens without an estate would answer 500 to everything, its health included.
 */
export async function startOrExit(): Promise<void> {
  try {
    const lantern = await startLantern();
    console.log(`[lantern] watching "${lantern.estate.name}" from ${lantern.estate.file}: ${summarizeEstate(lantern.estate)}`);
  } catch (error) {
    if (isStoreError(error)) {
      console.error(`[lantern] not starting: ${error.message}`);
    } else if (isConfigError(error)) {
      for (const line of error.lines()) console.error(line);
      console.error("[lantern] not starting: fix the estate file above (npx lantern check-config <file> checks it without a server)");
    } else {
      console.error(`[lantern] not starting: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exit(1);
  }
}
