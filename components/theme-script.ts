export const THEME_KEY = "lantern-theme";

/** Runs before first paint, so a dark-mode user never sees a white flash. */
export const THEME_SCRIPT = `(()=>{try{const t=localStorage.getItem("${THEME_KEY}");const d=t==="dark"||((!t||t==="system")&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch{}})()`;
