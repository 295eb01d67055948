/** React Query keys, shared by server prefetch and browser hooks. */
export const OVERVIEW_KEY = ["overview"] as const;
export const serviceKey = (serviceId: string) => ["service", serviceId] as const;
/** The engine's last tick, as the live feed carries it: proof the checks are running. */
export const TICK_KEY = ["tick"] as const;
