import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";

/** A JetStream account's usage and limits; a limit of -1 means none. */
export const accountUsageSchema = z.object({
  memoryBytes: z.number(),
  storageBytes: z.number(),
  maxMemoryBytes: z.number(),
  maxStorageBytes: z.number(),
  streams: z.number(),
  consumers: z.number(),
  apiErrors: z.number(),
});

export type AccountUsage = z.infer<typeof accountUsageSchema>;

export async function readAccountUsage(nc: NatsConnection): Promise<AccountUsage> {
  const account = await (await jetstreamManager(nc, { checkAPI: false })).getAccountInfo();
  return {
    memoryBytes: account.memory,
    storageBytes: account.storage,
    maxMemoryBytes: account.limits.max_memory,
    maxStorageBytes: account.limits.max_storage,
    streams: account.streams,
    consumers: account.consumers,
    apiErrors: account.api.errors,
  };
}
