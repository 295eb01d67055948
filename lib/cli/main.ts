import { ConfigError } from "@/lib/config/config-error";
import { estateFilePath, loadEstate } from "@/lib/config/load-estate";
import { summarizeEstate } from "@/lib/config/summarize-estate";

const USAGE = `usage: lantern check-config [file]

  check-config   validate an estate file (default: $LANTERN_ESTATE or ./lantern.yaml);
                 prints each problem as <file>: <path>: <message> and exits 1`;

function checkConfig(file: string): number {
  try {
    const estate = loadEstate(file);
    console.log(`${file}: ok — "${estate.name}": ${summarizeEstate(estate)}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) for (const line of error.lines()) console.error(line);
    else console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === "check-config" && args.length <= 1) {
  process.exitCode = checkConfig(args[0] ?? estateFilePath());
} else {
  console.error(USAGE);
  process.exitCode = command === "help" || command === "--help" ? 0 : 2;
}
