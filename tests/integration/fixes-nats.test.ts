import { AckPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findingViews } from "@/lib/engine/finding-view";
import { type Lantern } from "@/lib/engine/runtime";
import { FixRunner } from "@/lib/fixes/fix-runner";
import { listAudit } from "@/lib/store/fix-records";
import { ALICE, lanternOnStore, laterRunner, refusal } from "../support/lantern-in-process";
import { type StoreHome } from "../support/store-backends";

// The NATS fixes end to end on the machine's JetStream: streams of this test's own
// (LANTERN_TEST_FIX_*) put into the trouble each fix cures, then preview → execute → verify.
const CACHE = `LANTERN_TEST_FIX_${process.pid}_CACHE`;
const DLQ = `LANTERN_TEST_FIX_${process.pid}_DLQ`;
const BASE = `lantern.test.fix.${process.pid}`;
const PERSIST = `${BASE}.persist.`;
const DEAD = `${BASE}.dlq.`;
const DEPENDENCY = "birb.queue";

let home: StoreHome;
let lantern: Lantern;
let nc: NatsConnection;
let jsm: JetStreamManager;
let js: JetStreamClient;
const timings: string[] = [];

beforeAll(async () => {
  nc = await connect({ servers: "127.0.0.1:4222", name: "lantern-test-fixes-nats" });
  jsm = await jetstreamManager(nc);
  js = jetstream(nc);
  await jsm.streams.add({ name: DLQ, subjects: [`${DEAD}*`] });
  ({ lantern, home } = await lanternOnStore("pglite", "fixes-nats", `services:
  - id: birb
    dependencies:
      - id: queue
        kind: nats
        url: nats://127.0.0.1:4222
        probes:
          - { probe: nats.stream, stream: ${CACHE}, subjects: ["${PERSIST}*"], storage: file, maxMsgs: 1000, maxAge: 1h }
          - { probe: nats.stream, name: dead-letters, stream: ${DLQ}, subjects: ["${DEAD}*"], deadLetter: true, replay: { from: "${DEAD}", to: "${PERSIST}" } }
          - { probe: nats.stream, name: dotted, stream: "${BASE}.dotted" }
          - { probe: nats.consumer, stream: ${CACHE}, consumer: worker, stalledSeconds: 1, ackPolicy: explicit, maxDeliver: 3, ackWait: 5s }
`));
}, 60_000);

afterAll(async () => {
  console.log(`fix timings on this machine:\n${timings.join("\n")}`);
  await lantern?.stop();
  await home?.remove();
  await Promise.all([CACHE, DLQ].map((stream) => jsm?.streams.delete(stream).catch(() => undefined)));
  await nc?.close();
});

let runner: FixRunner;
beforeEach(() => {
  ({ runner } = laterRunner(lantern));
});

const probe = () => Promise.all(lantern.estate.dependencies.get(DEPENDENCY)!.probes.map((p) => lantern.runner.run(p, "manual")));
const finding = (id: string) => lantern.findings.list().find((f) => f.definition.id === id && f.dependencyId === DEPENDENCY);
const offered = (id: string) => findingViews(lantern.estate, lantern.findings.list()).find((f) => f.id === id)?.fixes ?? [];
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Preview the fix the finding offers, execute it, and say how long each took. */
async function previewAndRun(findingId: string, fixId: string, key: string) {
  const raised = finding(findingId);
  expect(raised, `${findingId} raised`).toBeDefined();
  const started = performance.now();
  const preview = await runner.preview({ dependencyId: DEPENDENCY, fixId, findingKey: raised!.key }, ALICE);
  const previewed = performance.now();
  const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: `${key}-${process.pid}` }, ALICE);
  timings.push(`${fixId}: preview ${(previewed - started).toFixed(0)} ms, execute→${run.outcome} ${(performance.now() - previewed).toFixed(0)} ms (${preview.targets.length} targets)`);
  return { preview, run };
}

async function expectAudited(fixId: string, outcome: string) {
  const { entries } = await listAudit(lantern.records!.store, { limit: 10 });
  expect(entries.slice(0, 2).map((e) => [e.action, e.fixId, e.outcome, e.actor])).toEqual([
    ["execute", fixId, outcome, "alice"],
    ["preview", fixId, "previewed", "alice"],
  ]);
}

async function cacheStream() {
  if (!(await jsm.streams.info(CACHE).catch(() => undefined))) await jsm.streams.add({ name: CACHE, subjects: [`${PERSIST}*`] });
  await jsm.streams.purge(CACHE);
}

/** The durable as the service creates it, fresh. */
async function worker() {
  await jsm.consumers.delete(CACHE, "worker").catch(() => undefined);
  await jsm.consumers.add(CACHE, { durable_name: "worker", ack_policy: AckPolicy.Explicit, max_deliver: 3, ack_wait: 5e9 });
}

async function deadLetters(count: number) {
  await jsm.streams.purge(DLQ);
  for (let i = 0; i < count; i += 1) {
    const h = headers();
    h.set("X-Error", "duplicate key value violates unique constraint");
    await js.publish(`${DEAD}bird-${i}`, JSON.stringify({ key: `bird-${i}`, value: { wingspan: i } }), { headers: h });
  }
}


describe("NATS fixes", () => {
  it("nats.create-stream: a missing stream is created from its declared subjects, storage and limits, and verified", async () => {
    await jsm.streams.delete(CACHE).catch(() => undefined);
    await probe();
    expect(finding("nats.stream-missing")?.severity).toBe("crit");
    expect(offered("nats.stream-missing")).toEqual([
      { id: "nats.create-stream", title: "Create the stream", risk: "safe", params: { stream: CACHE, subjects: [`${PERSIST}*`], storage: "file", maxMsgs: 1000, maxAge: "1h" } },
    ]);
    // A name JetStream refuses is explained, never offered a stream; nor is a consumer whose stream is missing.
    expect(offered("nats.stream-name-invalid")).toEqual([]);
    expect(offered("nats.consumer-missing")).toEqual([]);
    await expect(runner.preview({ dependencyId: DEPENDENCY, fixId: "nats.create-stream", params: { stream: `${BASE}.dotted`, subjects: ["x.y"] } }, ALICE)).rejects.toMatchObject({ status: 400 });

    const { preview, run } = await previewAndRun("nats.stream-missing", "nats.create-stream", "create-stream");
    expect(preview.summary).toBe(`create stream ${CACHE} capturing ${PERSIST}* (file storage, limits retention, max age 1h)`);
    expect(preview.targets).toEqual([
      {
        id: CACHE,
        label: `stream ${CACHE} · ${PERSIST}* · file, limits`,
        details: { stream: CACHE, subjects: `${PERSIST}*`, storage: "file", retention: "limits", "max messages": 1000, "max bytes": null, "max age": "1h" },
      },
    ]);
    expect(run).toMatchObject({ outcome: "verified", summary: `created stream ${CACHE} capturing ${PERSIST}*: publishes to it are stored again`, verification: { findingCleared: true } });
    const { config } = await jsm.streams.info(CACHE);
    expect([config.subjects, config.storage, config.retention, config.max_msgs, config.max_age]).toEqual([[`${PERSIST}*`], "file", "limits", 1000, 3_600e9]);
    await expectAudited("nats.create-stream", "verified");
  });

  it("nats.create-consumer: a missing durable is created from its declared config once its stream exists, and verified", async () => {
    await cacheStream();
    await jsm.consumers.delete(CACHE, "worker").catch(() => undefined);
    for (let i = 0; i < 3; i += 1) await js.publish(`${PERSIST}bird-${i}`, "{}");
    await probe();
    expect(finding("nats.consumer-missing")?.evidence).toMatchObject({ stream: CACHE, consumer: "worker", streamExists: true });

    const { preview, run } = await previewAndRun("nats.consumer-missing", "nats.create-consumer", "create-consumer");
    expect(preview).toMatchObject({ risk: "caution", ask: expect.stringContaining("deliver policy"), summary: `create durable worker on ${CACHE} (ack explicit, deliver all): its workers receive the 3 messages the stream holds` });
    expect(preview.targets.map((t) => t.details)).toEqual([
      { consumer: "worker", stream: CACHE, "ack policy": "explicit", "deliver policy": "all", "filter subject": null, "max deliver": 3, "ack wait": "5s", "max ack pending": null, "stream holds": 3 },
    ]);
    expect(run).toMatchObject({ outcome: "verified", summary: `created durable worker on ${CACHE}: its workers can bind to it again` });
    const info = await jsm.consumers.info(CACHE, "worker");
    expect([info.config.ack_policy, info.config.max_deliver, info.config.ack_wait, info.num_pending]).toEqual(["explicit", 3, 5e9, 3]);
    await expectAudited("nats.create-consumer", "verified");
  });

  /** Five messages: two acknowledged, three delivered and never acknowledged, then two more arrive; nothing moves for over a second. */
  async function stall(): Promise<{ resumesAt: number; unacknowledged: JsMsg[] }> {
    await cacheStream();
    await worker();
    const before = (await jsm.streams.info(CACHE)).state.last_seq;
    for (let i = 0; i < 5; i += 1) await js.publish(`${PERSIST}bird-${i}`, `{"n":${i}}`);
    const consumer = await js.consumers.get(CACHE, "worker");
    for await (const message of await consumer.fetch({ max_messages: 2, expires: 1_000 })) await message.ackAck();
    const unacknowledged: JsMsg[] = [];
    for await (const message of await consumer.fetch({ max_messages: 3, expires: 1_000 })) unacknowledged.push(message);
    for (let i = 5; i < 7; i += 1) await js.publish(`${PERSIST}bird-${i}`, `{"n":${i}}`);
    await settle(1_200);
    await probe();
    expect(finding("nats.consumer-stalled")?.severity).toBe("crit");
    return { resumesAt: before + 3, unacknowledged };
  }

  it("nats.recreate-consumer: a stalled durable is recreated with its own settings, resuming after its last acknowledged message, and verified", async () => {
    const { resumesAt } = await stall();
    const { created } = await jsm.consumers.info(CACHE, "worker");

    // Its workers are back: once recreated, the consumer's messages are taken and acknowledged while the fix lets the world settle.
    const drained: number[] = [];
    const unsubscribe = lantern.bus.subscribe((event) => {
      if (event.type !== "fix" || event.stage !== "verifying") return;
      void (async () => {
        const consumer = await js.consumers.get(CACHE, "worker");
        for await (const message of await consumer.fetch({ max_messages: 5, expires: 2_000 })) {
          drained.push(message.seq);
          await message.ackAck();
        }
      })();
    });
    let outcome;
    try {
      outcome = await previewAndRun("nats.consumer-stalled", "nats.recreate-consumer", "recreate-consumer");
    } finally {
      unsubscribe();
    }
    const { preview, run } = outcome;
    expect(preview.summary).toBe(
      `delete and recreate durable worker on ${CACHE} with its own settings, resuming at stream #${resumesAt}: its 5 waiting messages (3 unacknowledged) go to its workers again`,
    );
    expect(preview.targets.map((t) => t.details)).toEqual([
      {
        consumer: "worker",
        stream: CACHE,
        pending: 2,
        unacknowledged: 3,
        "resumes at": resumesAt,
        "ack policy": "explicit",
        "deliver policy": `from stream #${resumesAt}`,
        "filter subject": null,
        "max deliver": 3,
        "ack wait": "5s",
        "max ack pending": 1000,
        changes: "none",
        created,
      },
    ]);
    expect(run).toMatchObject({ outcome: "verified", summary: `recreated durable worker on ${CACHE}, resuming at stream #${resumesAt}: 5 waiting messages go to its workers again` });
    // A new consumer: the acknowledged two are not delivered again, the other five are.
    const info = await jsm.consumers.info(CACHE, "worker");
    expect(info.created).not.toBe(created);
    expect(drained).toEqual([0, 1, 2, 3, 4].map((i) => resumesAt + i));
    expect([info.num_pending, info.num_ack_pending, info.config.max_deliver, info.config.ack_wait, info.config.opt_start_seq]).toEqual([0, 0, 3, 5e9, resumesAt]);
    await expectAudited("nats.recreate-consumer", "verified");
  });

  it("nats.recreate-consumer: refused, touching nothing, when the consumer acknowledged something after the preview", async () => {
    const { resumesAt, unacknowledged } = await stall();
    const { created } = await jsm.consumers.info(CACHE, "worker");
    const preview = await runner.preview({ dependencyId: DEPENDENCY, fixId: "nats.recreate-consumer", findingKey: finding("nats.consumer-stalled")!.key }, ALICE);
    // Its workers came back: the oldest message is acknowledged, and where a new consumer would resume moved on.
    await unacknowledged[0]!.ackAck();
    expect((await jsm.consumers.info(CACHE, "worker")).ack_floor.stream_seq).toBe(resumesAt);
    expect(await refusal(runner.execute({ previewId: preview.previewId, idempotencyKey: `recreate-moved-${process.pid}` }, ALICE))).toEqual({ status: 409, code: "state-changed" });
    expect((await jsm.consumers.info(CACHE, "worker")).created).toBe(created);
  });

  it("nats.reprocess-dlq: dead letters go back to the subjects they failed on, leave the DLQ, with progress, and it is verified", async () => {
    await cacheStream();
    await deadLetters(12);
    const { first_seq: first, last_seq: last } = (await jsm.streams.info(DLQ)).state;
    await probe();
    expect(offered("nats.dlq-filling")).toEqual([{ id: "nats.reprocess-dlq", title: "Reprocess dead letters", risk: "caution", params: { stream: DLQ, replay: { from: DEAD, to: PERSIST } } }]);
    const progress: string[] = [];
    const stop = lantern.bus.subscribe((event) => {
      if (event.type === "fix" && event.stage === "executing") progress.push(event.message);
    });

    const { preview, run } = await previewAndRun("nats.dlq-filling", "nats.reprocess-dlq", "reprocess");
    stop();
    expect(preview.summary).toBe(`republish 12 of the 12 dead letters of ${DLQ} (#${first}–#${last}) to ${PERSIST}…, removing each once it is stored again`);
    expect(preview.targets).toHaveLength(12);
    expect(preview.targets[0]).toMatchObject({ id: String(first), label: `#${first} ${DEAD}bird-0 → ${PERSIST}bird-0`, details: { seq: first, subject: `${DEAD}bird-0`, "republish to": `${PERSIST}bird-0` } });
    expect(run).toMatchObject({ outcome: "verified", summary: `republished 12 dead letters of ${DLQ} to ${PERSIST}… and removed them from it` });
    expect(progress).toContain("republished 10 of 12 dead letters");

    expect((await jsm.streams.info(DLQ)).state.messages).toBe(0);
    const back = await jsm.streams.getMessage(CACHE, { last_by_subj: `${PERSIST}bird-11` });
    expect(back?.json()).toEqual({ key: "bird-11", value: { wingspan: 11 } });
    expect([back?.header.get("X-Error"), back?.header.get("Lantern-Replayed-From")]).toEqual(["duplicate key value violates unique constraint", `${DLQ} #${last}`]);
    expect((await jsm.streams.info(CACHE)).state.messages).toBe(12);
    await expectAudited("nats.reprocess-dlq", "verified");
  });

  it("nats.reprocess-dlq: not verified while the cause is still there, the worker parking each message again", async () => {
    await cacheStream();
    await deadLetters(5);
    await probe();
    // The worker still fails: whatever comes back on its subject goes straight back to the dead letters.
    const failing = nc.subscribe(`${PERSIST}*`, { callback: (_error, message) => void js.publish(`${DEAD}${message.subject.slice(PERSIST.length)}`, message.data).catch(() => undefined) });
    const { run } = await previewAndRun("nats.dlq-filling", "nats.reprocess-dlq", "reprocess-failing");
    failing.unsubscribe();
    expect(run.outcome).toBe("not-verified");
    expect(run.verification.findingCleared).toBe(false);
    expect(run.summary).toMatch(new RegExp(`^republished 5 dead letters of ${DLQ} .*; but still: .*dead letters`));
    await expectAudited("nats.reprocess-dlq", "not-verified");
  });

  it("nats.reprocess-dlq: refused, touching nothing, when a dead letter arrives between preview and execute", async () => {
    await cacheStream();
    await deadLetters(3);
    await probe();
    const preview = await runner.preview({ dependencyId: DEPENDENCY, fixId: "nats.reprocess-dlq", findingKey: finding("nats.dlq-filling")!.key }, ALICE);
    await js.publish(`${DEAD}late`, "{}");
    expect(await refusal(runner.execute({ previewId: preview.previewId, idempotencyKey: `reprocess-late-${process.pid}` }, ALICE))).toEqual({ status: 409, code: "state-changed" });
    expect([(await jsm.streams.info(DLQ)).state.messages, (await jsm.streams.info(CACHE)).state.messages]).toEqual([4, 0]);
  });
});
