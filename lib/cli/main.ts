import { newToken, sha256Hex } from "@/lib/access/token-hash";
import { catalogText, describeCatalog } from "@/lib/catalog/describe-catalog";
import { ConfigError } from "@/lib/config/config-error";
import { estateFilePath, loadEstate } from "@/lib/config/load-estate";
import { summarizeEstate } from "@/lib/config/summarize-estate";

const USAGE = `usage: lantern <command>

  check-config [file]   validate an estate file (default: $LANTERN_ESTATE or ./lantern.yaml);
                        prints each problem as <file>: <path>: <message> and exits 1
  catalog [--json]      every probe: what it reads, its parameters with their defaults,
                        the findings it raises and their severities
  token [name] [--viewer]
                        a new access token, and the line to paste under access.tokens
                        (the estate keeps only its SHA-256; give the token to its holder)`;

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

function catalog(json: boolean): number {
  console.log(json ? JSON.stringify(describeCatalog(), null, 2) : catalogText());
  return 0;
}

function token(args: string[]): number {
  const name = args.find((arg) => !arg.startsWith("--")) ?? "operator";
  const role = args.includes("--viewer") ? "viewer" : "operator";
  const secret = newToken();
  console.log(`token (give it to ${name}; it is shown once): ${secret}`);
  console.log("under access.tokens in the estate file:");
  console.log(`    - { name: ${JSON.stringify(name)}, role: ${role}, sha256: "${sha256Hex(secret)}" }`);
  return 0;
}

const [command, ...args] = process.argv.slice(2);
if (command === "check-config" && args.length <= 1) {
  process.exitCode = checkConfig(args[0] ?? estateFilePath());
} else if (command === "token" && args.filter((arg) => !arg.startsWith("--")).length <= 1 && args.every((arg) => !arg.startsWith("--") || arg === "--viewer")) {
  process.exitCode = token(args);
} else if (command === "catalog" && args.every((arg) => arg === "--json")) {
  process.exitCode = catalog(args.includes("--json"));
} else {
  console.error(USAGE);
  process.exitCode = command === "help" || command === "--help" ? 0 : 2;
}
