import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lantern } from "@/lib/engine/runtime";
import { lanternFor } from "../support/lantern-in-process";

// Streams of this test's own, removed afterwards.
const STREAM = `LANTERN_TEST_${process.pid}`;
const SUBJECT = `lantern.test.${process.pid}`;
let nc: NatsConnection;
let jsm: JetStreamManager;
let lantern: Lantern;

beforeAll(async () => {
  nc = await connect({ servers: "127.0.0.1:4222" });
  jsm = await jetstreamManager(nc);
  // Stream and consumer metadata (io.nats.monitor.*) needs NATS 2.10; Debian's is older, so thresholds come from the estate here.
  await jsm.streams.add({ name: STREAM, subjects: [`${SUBJECT}.*`], max_msgs: 7 });
  await jsm.consumers.add(STREAM, { durable_name: "idle", ack_policy: AckPolicy.Explicit });
  lantern = lanternFor(`
services:
  - id: t
    dependencies:
      - id: bus
        kind: nats
        url: nats://127.0.0.1:4222
        probes:
          - { probe: nats.stream, stream: ${STREAM}, subjects: ["${SUBJECT}.*"] }
          - { probe: nats.stream, name: missing, stream: NOT_THERE_${process.pid}, subjects: ["${SUBJECT}.*"] }
          - { probe: nats.stream, name: dotted, stream: user.sync }
          - { probe: nats.consumer, stream: ${STREAM}, consumer: idle, crit: 3, stalledSeconds: 1 }
          - { probe: nats.consumer, name: gone, stream: ${STREAM}, consumer: nobody }
          - { probe: nats.subject-activity, subject: "${SUBJECT}.*", windowMs: 300 }
          - { probe: nats.request, subject: "lantern.request.${process.pid}" }
          - { probe: nats.request, name: captured, subject: "${SUBJECT}.captured" }
`);
});

afterAll(async () => {
  await lantern.stop();
  await jsm.streams.delete(STREAM).catch(() => undefined);
  await nc.close();
});

const run = (name: string) => lantern.runner.run(lantern.estate.dependencies.get("t.bus")!.probes.find((p) => p.name === name)!, "manual");
const ids = (result: Awaited<ReturnType<typeof run>>) => result.findings.map((f) => `${f.definition.id}:${f.severity}`);

describe("JetStream probes", () => {
  it("an idle consumer with nothing pending is ok", async () => {
    expect((await run("nats.consumer")).status).toBe("ok");
  });

  it("a missing stream names who captures its subject, a dotted name is explained, a missing consumer is crit", async () => {
    const missing = await run("missing");
    expect(ids(missing)).toEqual(["nats.stream-missing:crit"]);
    expect(missing.summary).toBe(`stream NOT_THERE_${process.pid} does not exist; ${SUBJECT}.* is captured by ${STREAM} instead`);
    expect(ids(await run("dotted"))).toEqual(["nats.stream-name-invalid:crit"]);
    expect(ids(await run("gone"))).toEqual(["nats.consumer-missing:crit"]);
  });

  it("judges a stream against max_msgs and a consumer against its backlog and stall thresholds", async () => {
    const js = jetstream(nc);
    for (let i = 0; i < 6; i += 1) await js.publish(`${SUBJECT}.x`, `m${i}`);
    expect(ids(await run("nats.stream"))).toEqual(["nats.stream-full:warn"]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // 6 pending ≥ crit 3, and nothing acknowledged for over 1 s.
    expect(ids(await run("nats.consumer")).sort()).toEqual(["nats.consumer-backlog:crit", "nats.consumer-stalled:crit"]);
  });

  it("counts messages on a subject, and warns on silence", async () => {
    expect(ids(await run("nats.subject-activity"))).toEqual(["nats.subject-silent:warn"]);
    const publisher = setInterval(() => nc.publish(`${SUBJECT}.y`, "ping"), 50);
    const result = await run("nats.subject-activity");
    clearInterval(publisher);
    expect(result.status).toBe("ok");
    expect((result.data as { messages: number }).messages).toBeGreaterThan(2);
  });

  it("a request nobody answers is crit, in words", async () => {
    const result = await run("nats.request");
    expect(ids(result)).toEqual(["nats.no-responders:crit"]);
    expect(result.summary).toBe(`request on lantern.request.${process.pid}: nobody subscribes`);
  });

  it("a request a stream captures is acknowledged by JetStream, not answered: crit, and said so", async () => {
    const result = await run("captured");
    expect(ids(result)).toEqual(["nats.no-responders:crit"]);
    expect(result.summary).toBe(`request on ${SUBJECT}.captured: answered by stream ${STREAM}'s acknowledgement, not by a service`);
  });
});
