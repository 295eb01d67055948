import { z } from "zod";
import { above, amount } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes } from "@/lib/probe-kit/format";
import { plural } from "./plural";
import { showSeconds } from "./show-seconds";

export const replicationLag = defineFinding({
  id: "postgres.replication-lag",
  title: "Replica behind its primary",
  severities: ["warn", "crit"],
  cause: "The replica replays WAL slower than the primary writes it, or receives none: a network problem, a replica short on I/O or CPU, or a long query on the replica holding replay back.",
  steps: [
    "Check that the replica still receives WAL (pg_stat_wal_receiver) and from which primary.",
    "Look for long queries on the replica that conflict with replay.",
    "Reads from this replica are that far in the past: route them to the primary if freshness matters.",
  ],
  commands: (target) => [target.psql("SELECT now() - pg_last_xact_replay_timestamp() AS replay_lag, pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn();"), target.psql("SELECT status, sender_host FROM pg_stat_wal_receiver;")],
  matches: ["canceling statement due to conflict with recovery"],
});

export const dropReplicationSlot = defineFix({
  id: "postgres.drop-replication-slot",
  title: "Drop the unused replication slot",
  kind: "postgres",
  risk: "destructive",
  params: z.strictObject({
    slot: z.string().min(1).describe("The inactive slot to drop"),
  }),
  paramsFrom: ({ evidence }) => (typeof evidence.slot === "string" ? { slot: evidence.slot } : undefined),
  async preview(pool, params) {
    const { rows } = await pool.query<{ type: string; database: string | null; restart_lsn: string | null; retained: string | null }>(
      `SELECT slot_type AS type, database, restart_lsn::text AS restart_lsn,
              pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint::text AS retained
       FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
      [params.slot],
    );
    const slot = rows[0];
    if (!slot) return { summary: `no inactive slot ${params.slot} (gone, or a consumer is attached): nothing to drop`, targets: [], state: null, confirm: params.slot };
    const retained = formatBytes(Number(slot.retained ?? 0));
    return {
      summary: `drop replication slot ${params.slot} (${slot.type}${slot.database ? ` on ${slot.database}` : ""}), unused, holding ${retained} of WAL; a consumer that comes back must be set up again`,
      targets: [{ id: params.slot, label: `${params.slot} · ${slot.type} · inactive · holds ${retained}`, details: { slot: params.slot, type: slot.type, database: slot.database, active: "no", position: slot.restart_lsn, "WAL held": retained } }],
      // Its position, not the WAL it holds (that grows with every write): a slot recreated under the same name, or one a consumer moved, is another.
      state: { slot: params.slot, type: slot.type, database: slot.database, restartLsn: slot.restart_lsn },
      confirm: params.slot,
    };
  },
  async execute(pool, _params, targets) {
    const slot = targets[0];
    if (!slot) return { summary: "nothing dropped: the preview found no inactive slot of that name", touched: 0 };
    // The call sits in the target list, so it runs only for the row that passed the check: still inactive, still where the preview saw it.
    const { rows } = await pool.query(
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active AND restart_lsn IS NOT DISTINCT FROM $2::pg_lsn",
      [slot.id, slot.details.position],
    );
    return rows.length
      ? { summary: `dropped replication slot ${slot.id}; the server may now recycle the ${slot.details["WAL held"]} of WAL it held`, touched: 1 }
      : { summary: `nothing dropped: slot ${slot.id} is gone, in use again or has moved`, touched: 0 };
  },
  verify: ["postgres.replication"],
  cooldownMs: 30_000,
  maxTargets: 1,
});

export const inactiveSlot = defineFinding({
  id: "postgres.inactive-replication-slot",
  title: "Replication slot not in use",
  severities: ["warn", "crit"],
  cause: "A replication slot has no consumer attached. The primary keeps every WAL segment since the slot's position, so the disk fills while nobody reads them: a replica or a CDC tool that was removed without dropping its slot.",
  steps: [
    "Find out who the slot belonged to; if the consumer is gone for good, drop the slot.",
    "If the consumer will come back, watch the retained WAL against free disk space.",
  ],
  commands: (target) => [target.psql("SELECT slot_name, slot_type, active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS retained FROM pg_replication_slots;")],
  fixes: [dropReplicationSlot],
});

const slotSchema = z.object({ name: z.string(), type: z.string(), active: z.boolean(), retainedBytes: z.number() });

export const postgresReplication = defineProbe({
  id: "postgres.replication",
  title: "Replication",
  reads: "replica replay lag; a primary's replicas and inactive slots",
  kind: "postgres",
  params: z.strictObject({
    warnLagSeconds: amount(5, "Replay lag on a replica that warns"),
    critLagSeconds: amount(60, "Replay lag on a replica that is critical"),
    warnRetainedBytes: amount(0, "WAL kept for an inactive slot that warns (0: any inactive slot)"),
    critRetainedBytes: amount(10 * 1024 ** 3, "WAL kept for an inactive slot that is critical"),
  }),
  data: z.object({
    role: z.enum(["primary", "replica"]),
    lagSeconds: z.number().optional(),
    replicas: z.array(z.object({ application: z.string(), state: z.string(), lagSeconds: z.number().nullable() })),
    slots: z.array(slotSchema),
  }),
  findings: [replicationLag, inactiveSlot],
  command: (target) => target.psql("SELECT pg_is_in_recovery(); SELECT application_name, state, replay_lag FROM pg_stat_replication; SELECT slot_name, active FROM pg_replication_slots;"),
  async read(pool) {
    const { rows } = await pool.query<{ replica: boolean }>("SELECT pg_is_in_recovery() AS replica");
    if (rows[0]!.replica) {
      const { rows: lag } = await pool.query<{ seconds: number | null; caught_up: boolean }>(
        `SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float AS seconds,
                pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() AS caught_up`,
      );
      // An idle primary sends nothing to replay: caught up means no lag, whatever the last replay's age.
      return { role: "replica" as const, lagSeconds: lag[0]!.caught_up ? 0 : (lag[0]!.seconds ?? 0), replicas: [], slots: [] };
    }
    const [replicas, slots] = await Promise.all([
      pool.query<{ application: string; state: string; lag: number | null }>(
        "SELECT coalesce(nullif(application_name, ''), client_addr::text, '?') AS application, state, extract(epoch FROM replay_lag)::float AS lag FROM pg_stat_replication",
      ),
      pool.query<{ name: string; type: string; active: boolean; retained: string | null }>(
        "SELECT slot_name AS name, slot_type AS type, active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint::text AS retained FROM pg_replication_slots",
      ),
    ]);
    return {
      role: "primary" as const,
      replicas: replicas.rows.map((r) => ({ application: r.application, state: r.state, lagSeconds: r.lag })),
      slots: slots.rows.map((s) => ({ name: s.name, type: s.type, active: s.active, retainedBytes: Number(s.retained ?? 0) })),
    };
  },
  judge({ role, lagSeconds = 0, replicas, slots }, params) {
    if (role === "replica") {
      const verdict = above(lagSeconds, { warn: params.warnLagSeconds, crit: params.critLagSeconds }, showSeconds);
      const summary = `replica, replay ${lagSeconds === 0 ? "caught up" : `${showSeconds(lagSeconds)} behind`}`;
      const findings = verdict.severity ? [raise(replicationLag, verdict.severity, summary, { lag: showSeconds(lagSeconds), rule: verdict.rule })] : [];
      return { summary, findings };
    }
    const inactive = slots.filter((s) => !s.active).sort((a, b) => b.retainedBytes - a.retainedBytes);
    const summary = `primary, ${plural(replicas.length, "replica")} connected, ${plural(slots.length, "slot")}${inactive.length ? ` (${inactive.length} inactive)` : ""}`;
    const worst = inactive[0];
    const verdict = worst && above(worst.retainedBytes, { warn: params.warnRetainedBytes, crit: params.critRetainedBytes }, formatBytes);
    if (!worst || !verdict?.severity) return { summary, findings: [] };
    const words = `slot ${worst.name} (${worst.type}) has no consumer and holds ${formatBytes(worst.retainedBytes)} of WAL`;
    return {
      summary: `${summary}; ${words}`,
      findings: [raise(inactiveSlot, verdict.severity, words, { slot: worst.name, type: worst.type, retained: formatBytes(worst.retainedBytes), rule: verdict.rule, inactiveSlots: inactive.map((s) => s.name) })],
    };
  },
});
