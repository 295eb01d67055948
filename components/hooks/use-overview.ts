"use client";

import { useQuery } from "@tanstack/react-query";
import { briefOfFinding } from "@/lib/api/finding-brief";
import { summarizeService } from "@/lib/api/live-status";
import { unpackOverview } from "@/lib/api/overview-payload";
import type { Overview, OverviewPayload } from "@/lib/api/overview-schema";
import { OVERVIEW_KEY, serviceKey } from "@/lib/api/query-keys";
import type { ServiceDetail } from "@/lib/api/service-detail";
import { useFrozen } from "../frozen";
import { api } from "./api-client";
import { changesInFlight, detailWith, overviewWith } from "./live-changes";

// The browser trusts its own server's typed answers: the zod schemas stay on the
// server, where they check what goes out, and out of the page's JavaScript.

/**
 * Every service in a few numbers: the page's server render hands over the
 * first picture (`initial`) and live events keep it current, so it never
 * polls; changes heard while it is fetched are laid on the answer. Inside
 * a snapshot it is made from the frozen picture.
 */
export function useOverview(initial?: OverviewPayload): { data: Overview | undefined; error: Error | null } {
  const frozen = useFrozen();
  const live = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: () => changesInFlight.fetch(async () => unpackOverview(await api<OverviewPayload>("GET", "/api/overview")), overviewWith),
    // Taken only while the cache holds no overview: one kept current by the live feed is newer.
    initialData: initial && (() => unpackOverview(initial)),
    enabled: !frozen,
    refetchOnWindowFocus: false,
  });
  if (!frozen) return live;
  const { estate, at } = frozen;
  return {
    data: { generatedAt: estate.generatedAt, version: 0, estate: estate.estate, lab: false, services: estate.services.map((s) => summarizeService(s, at)), findings: estate.findings.map(briefOfFinding) },
    error: null,
  };
}

/** One service in full and its findings, kept current by its page's live stream; inside a snapshot, the frozen one. */
export function useServiceDetail(serviceId: string): { data: ServiceDetail | undefined; error: Error | null } {
  const frozen = useFrozen();
  const live = useQuery({
    queryKey: serviceKey(serviceId),
    queryFn: () => changesInFlight.fetch(() => api<ServiceDetail>("GET", `/api/services/${encodeURIComponent(serviceId)}`), detailWith, serviceId),
    enabled: !frozen,
    refetchOnWindowFocus: false,
  });
  if (!frozen) return live;
  const service = frozen.estate.services.find((s) => s.id === serviceId);
  return { data: service && { generatedAt: frozen.estate.generatedAt, version: 0, service, findings: frozen.estate.findings.filter((f) => f.serviceId === serviceId) }, error: null };
}
