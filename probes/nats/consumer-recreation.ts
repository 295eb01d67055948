// A stalled durable deleted and created again: the same settings (the estate's
// declared ones win), a fresh delivery state, resuming after the last message
// it acknowledged, so nothing acknowledged is delivered twice and nothing
// unacknowledged is skipped.
import { DeliverPolicy, RetentionPolicy, type ConsumerConfig, type ConsumerInfo, type JetStreamManager } from "@nats-io/jetstream";
import { consumerConfigDetails, declaredConsumerConfig, type DeclaredConsumer } from "./declared-config";
import { consumerInfoOf } from "./jetstream-lookup";

export interface Recreation {
  info: ConsumerInfo;
  retention: string;
  /** The stream sequence the new consumer starts at. */
  resumesAt: number;
  /** What it is now, resuming where it stopped: what goes back if creating the new one fails. */
  current: Partial<ConsumerConfig>;
  /** What it will be. */
  config: Partial<ConsumerConfig>;
  /** Each declared setting that differs from the consumer's own, "max deliver 3 → 5". */
  changes: string[];
}

/** How to recreate the durable, read from what it is now; undefined when it does not exist. */
export async function planRecreation(jsm: JetStreamManager, stream: string, durable: string, declared: DeclaredConsumer): Promise<Recreation | undefined> {
  const info = await consumerInfoOf(jsm, stream, durable);
  if (!info) return undefined;
  const { retention } = (await jsm.streams.info(stream)).config;
  // Where the old one started no longer matters: the new one resumes.
  const { deliver_policy: _policy, opt_start_seq: _seq, opt_start_time: _time, ...kept } = info.config;
  const resumesAt = info.ack_floor.stream_seq + 1;
  // A work-queue stream holds only what is unacknowledged, and takes only deliver all.
  const resume: Partial<ConsumerConfig> =
    retention === RetentionPolicy.Workqueue ? { deliver_policy: DeliverPolicy.All } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: resumesAt };
  const declaredConfig = declaredConsumerConfig(declared);
  const current = { ...kept, ...resume };
  const config = { ...current, ...declaredConfig };
  const before = consumerConfigDetails(current);
  const after = consumerConfigDetails(config);
  const changes = Object.keys(after).flatMap((setting) => (before[setting] === after[setting] ? [] : [`${setting} ${before[setting] ?? "unset"} → ${after[setting] ?? "unset"}`]));
  return { info, retention, resumesAt, current, config, changes };
}

/** Deletes the durable and creates it from the plan; if the new one is refused, the old one goes back, resuming where it stopped. */
export async function recreate(jsm: JetStreamManager, stream: string, plan: Recreation): Promise<void> {
  const durable = plan.info.name;
  await jsm.consumers.delete(stream, durable);
  try {
    await jsm.consumers.add(stream, plan.config);
  } catch (error) {
    const putBack = await jsm.consumers.add(stream, plan.current).then(
      () => "it was put back as it was",
      (again: Error) => `and putting it back failed too (${again.message}): create it by hand`,
    );
    throw new Error(`${durable} was deleted but JetStream refused the new one (${(error as Error).message}); ${putBack}`);
  }
}
