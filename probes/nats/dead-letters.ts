// Dead letters read and replayed: each one back onto the subject it failed on,
// then out of the dead-letter stream once the stream behind that subject holds it.
import { jetstream, type JetStreamManager, type SeqMsgRequest, type StoredMsg } from "@nats-io/jetstream";
import { headers, type MsgHdrs, type NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import type { FixContext, FixTarget } from "@/lib/probe-kit/define-fix";
import { formatBytes } from "@/lib/probe-kit/format";

/** The most dead letters one run republishes: enough to drain a backlog in a few runs, few enough to read in the preview. */
export const MAX_REPLAYED = 500;
/** How often a replay says how far it got. */
const PROGRESS_EVERY = 10;

/** How a dead letter's subject leads back to the subject it failed on: a prefix rewrite, as the seed's cache.dlq.<key> → cache.persist.<key>. */
export const replaySchema = z
  .strictObject({
    from: z.string().min(1).describe("The dead letters' subject prefix (cache.dlq.)"),
    to: z.string().min(1).describe("What replaces it: the prefix of the subject each message failed on (cache.persist.)"),
  })
  .describe("Dead-letter streams: how a dead letter's subject maps back to the subject it failed on, for reprocessing");

export type Replay = z.output<typeof replaySchema>;

/** The subject a dead letter goes back to, or undefined when it is not under the mapping's prefix. */
export function originalSubject(subject: string, replay: Replay): string | undefined {
  return subject.startsWith(replay.from) ? `${replay.to}${subject.slice(replay.from.length)}` : undefined;
}

/** Up to `max` dead letters from the oldest, none past `lastSeq`: what arrives later was not in the preview. */
export async function readDeadLetters(jsm: JetStreamManager, stream: string, firstSeq: number, lastSeq: number, max: number): Promise<StoredMsg[]> {
  const letters: StoredMsg[] = [];
  for (let seq = firstSeq; letters.length < max && seq <= lastSeq; ) {
    // MSG.GET's next_by_subj (NATS 2.9+): the first message at or after seq, stepping over deleted ones.
    const query: SeqMsgRequest & { next_by_subj: string } = { seq, next_by_subj: ">" };
    const letter = await jsm.streams.getMessage(stream, query);
    if (!letter || letter.seq > lastSeq) break;
    letters.push(letter);
    seq = letter.seq + 1;
  }
  return letters;
}

export function deadLetterTarget(letter: StoredMsg, to: string): FixTarget {
  return {
    id: String(letter.seq),
    label: `#${letter.seq} ${letter.subject} → ${to}`,
    details: { seq: letter.seq, subject: letter.subject, "republish to": to, parked: letter.timestamp, size: formatBytes(letter.data.length) },
  };
}

/** The message's own headers; JetStream's (Nats-Msg-Id, Nats-Expected-*) would make the new stream refuse or drop it. */
function replayHeaders(letter: StoredMsg, stream: string): MsgHdrs {
  const replayed = headers();
  for (const [key, values] of letter.header) {
    if (/^nats-/i.test(key)) continue;
    for (const value of values) replayed.append(key, value);
  }
  replayed.set("Lantern-Replayed-From", `${stream} #${letter.seq}`);
  return replayed;
}

/**
 * Republishes each previewed dead letter that is still the one the preview
 * saw, oldest first, and deletes it from the dead-letter stream only once the
 * stream behind its subject acknowledged it. The message id makes a replay cut
 * short and run again store nothing twice (within the stream's duplicate window).
 */
export async function replayDeadLetters(nc: NatsConnection, jsm: JetStreamManager, stream: string, targets: FixTarget[], context: FixContext): Promise<{ republished: number; gone: number }> {
  const js = jetstream(nc);
  let republished = 0;
  let gone = 0;
  for (const target of targets) {
    if (context.signal.aborted) throw new Error(`stopped after republishing ${republished} of ${targets.length}: the run's time was up`);
    const seq = Number(target.details.seq);
    const letter = await jsm.streams.getMessage(stream, { seq });
    // Processed or removed by someone else since the preview: not ours to send again.
    if (!letter || letter.subject !== target.details.subject || letter.timestamp !== target.details.parked) {
      gone += 1;
      continue;
    }
    try {
      await js.publish(String(target.details["republish to"]), letter.data, { headers: replayHeaders(letter, stream), msgID: `${stream}:${seq}:${letter.timestamp}` });
      await jsm.streams.deleteMessage(stream, seq, false);
    } catch (error) {
      throw new Error(`republished ${republished} of ${targets.length}, then #${seq} failed: ${(error as Error).message}`);
    }
    republished += 1;
    if (republished % PROGRESS_EVERY === 0) context.progress(`republished ${republished} of ${targets.length} dead letters`);
  }
  return { republished, gone };
}
