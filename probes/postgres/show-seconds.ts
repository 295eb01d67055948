import { formatAge } from "@/lib/probe-kit/format";

/** Seconds as people read an age ("4 min"): PostgreSQL hands durations over as epoch seconds. */
export const showSeconds = (seconds: number) => formatAge(seconds * 1000);
