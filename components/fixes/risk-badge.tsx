const LOOK = {
  safe: { className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200", words: "safe: changes nothing that matters if it was not needed" },
  caution: { className: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-200", words: "caution: something will notice (sessions end, services reconnect)" },
  destructive: { className: "bg-red-700 text-white dark:bg-red-600", words: "destructive: what it removes cannot be brought back" },
} as const;

/** A fix's risk in words and colour, never colour alone. */
export function RiskBadge({ risk }: { risk: keyof typeof LOOK }) {
  return (
    <span data-risk={risk} title={LOOK[risk].words} className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${LOOK[risk].className}`}>
      {risk}
    </span>
  );
}

export function riskWords(risk: keyof typeof LOOK): string {
  return LOOK[risk].words;
}
