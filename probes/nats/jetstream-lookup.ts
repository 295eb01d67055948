import type { ConsumerInfo, JetStreamManager, StreamInfo } from "@nats-io/jetstream";

/** JetStream's answer for a stream or consumer that is not there, by error class or, from older servers, by message. */
export function isNotFound(error: unknown): boolean {
  const { name, message } = error as Error;
  return name === "StreamNotFoundError" || name === "ConsumerNotFoundError" || /not found/i.test(message);
}

/** The answer, or undefined when JetStream says what was asked for is not there; any other failure is thrown. */
export function unlessMissing<T>(lookup: Promise<T>): Promise<T | undefined> {
  return lookup.catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
}

export function streamInfoOf(jsm: JetStreamManager, stream: string): Promise<StreamInfo | undefined> {
  return unlessMissing(jsm.streams.info(stream));
}

/** Undefined when the consumer or its stream does not exist. */
export function consumerInfoOf(jsm: JetStreamManager, stream: string, consumer: string): Promise<ConsumerInfo | undefined> {
  return unlessMissing(jsm.consumers.info(stream, consumer));
}

/** Which stream, if any, already captures each subject: JetStream lets no two streams capture one subject. */
export async function capturingStreams(jsm: JetStreamManager, subjects: string[]): Promise<Record<string, string | null>> {
  const found = await Promise.all(subjects.map((subject) => unlessMissing(jsm.streams.find(subject))));
  return Object.fromEntries(subjects.map((subject, i) => [subject, found[i] ?? null]));
}
