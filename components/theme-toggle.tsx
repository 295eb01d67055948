"use client";

import { useEffect, useState } from "react";
import { THEME_KEY } from "./theme-script";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };

function apply(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    // Read after hydration: the server cannot know the stored choice.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTheme((localStorage.getItem(THEME_KEY) as Theme | null) ?? "system");
  }, []);
  const choose = () => {
    const next = NEXT[theme];
    localStorage.setItem(THEME_KEY, next);
    setTheme(next);
    apply(next);
  };
  return (
    <button
      type="button"
      onClick={choose}
      title="Theme: system, light or dark"
      className="rounded border border-zinc-300 px-2 py-1 text-xs text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800"
    >
      Theme: {theme}
    </button>
  );
}
