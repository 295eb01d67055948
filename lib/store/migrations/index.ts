import { historyTimelineSessions } from "./001-history-timeline-sessions";
import { fixes } from "./002-fixes";
import { snapshots } from "./003-snapshots";
import { replicas } from "./004-replicas";
import type { Migration } from "./migration";

/** Every migration, oldest first; a new one gets the next version and is never edited once released. */
export const MIGRATIONS: readonly Migration[] = [historyTimelineSessions, fixes, snapshots, replicas];
