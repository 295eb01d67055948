import { CopyButton } from "./copy-button";

/** The command behind a reading, so it can be checked by hand. */
export function CliCommand({ command }: { command: string }) {
  return (
    <div className="flex items-start gap-2 rounded bg-zinc-100 px-2 py-1.5 dark:bg-zinc-950">
      <span aria-hidden="true" className="select-none font-mono text-xs text-zinc-400">$</span>
      <code className="min-w-0 flex-1 break-all font-mono text-xs text-zinc-800 dark:text-zinc-200">{command}</code>
      <CopyButton text={command} label="Copy command" />
    </div>
  );
}
