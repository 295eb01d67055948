import { isKind, markKind } from "@/lib/errors/error-kind";

export interface ConfigProblem {
  /** Dotted path to the field, "services.0.dependencies.1.url"; empty for the whole file. */
  path: string;
  message: string;
  line?: number;
}

/** Everything wrong with one estate file, each problem named by file and path. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(problems.map((problem) => formatProblem(file, problem)).join("\n"));
    this.name = "ConfigError";
    markKind(this, "ConfigError");
  }

  lines(): string[] {
    return this.problems.map((problem) => formatProblem(this.file, problem));
  }
}

function formatProblem(file: string, { path, message, line }: ConfigProblem): string {
  return `${file}: ${path || "(file)"}: ${message}${line ? ` (line ${line})` : ""}`;
}

/** Whether `error` is a ConfigError, from whichever bundle's copy of the class. */
export const isConfigError = (error: unknown): error is ConfigError => isKind(error, "ConfigError");
