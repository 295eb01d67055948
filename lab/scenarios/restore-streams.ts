import { jetstreamManager } from "@nats-io/jetstream";
import { restoreStreams } from "../prepare";
import type { LabContext } from "./scenario";

/** Streams and consumers back as the systems expect them, keeping what they hold. */
export function restore(lab: LabContext): Promise<void> {
  return restoreStreams(lab.nats, { purge: false });
}

export function jsm(lab: LabContext) {
  return jetstreamManager(lab.nats);
}
