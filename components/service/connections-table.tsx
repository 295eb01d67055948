import type { ConnectionsView } from "@/lib/probe-kit/panel-view";

/** Who holds the connections: by application, then by state. */
export function ConnectionsTable({ data }: { data: ConnectionsView }) {
  return (
    <div className="flex flex-col gap-2 text-xs sm:flex-row sm:gap-6">
      <table className="min-w-0 text-left">
        <caption className="mb-1 text-left font-semibold text-zinc-600 dark:text-zinc-400">By application</caption>
        <thead>
          <tr className="text-zinc-500 dark:text-zinc-400">
            <th className="pr-4 font-medium">application</th>
            <th className="pr-4 text-right font-medium">sessions</th>
            <th className="pr-4 text-right font-medium">idle</th>
            <th className="text-right font-medium">idle long</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {data.byApplication.map((app) => (
            <tr key={app.application}>
              <td className="pr-4">{app.application}</td>
              <td className="pr-4 text-right tabular-nums">{app.connections}</td>
              <td className="pr-4 text-right tabular-nums">{app.idle}</td>
              <td className="text-right tabular-nums">{app.idleLong}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="text-left">
        <caption className="mb-1 text-left font-semibold text-zinc-600 dark:text-zinc-400">By state</caption>
        <tbody className="font-mono">
          {Object.entries(data.byState).map(([state, count]) => (
            <tr key={state}>
              <td className="pr-4">{state}</td>
              <td className="text-right tabular-nums">{count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
