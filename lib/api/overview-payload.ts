import type { DependencyIdentity, Overview, OverviewPayload, ServiceSummary } from "./overview-schema";

type PackedService = OverviewPayload["services"][number];

/**
 * The overview as sent: each distinct dependency described once, each
 * service's dependencies as places in that list. A dependency's id is its
 * service's id and its own (`shop.db`); the list keeps its own part (`db`),
 * so the services that all have a `db` on one target share one entry. What a
 * healthy service has in common with the rest (a name that is its id, an ok
 * dependency's status) is left out: a healthy thousand is most of the page.
 */
export function packOverview({ services, ...rest }: Overview): OverviewPayload {
  const dependencies: DependencyIdentity[] = [];
  const places = new Map<string, number>();
  const placeOf = (identity: DependencyIdentity): number => {
    const key = JSON.stringify([identity.id, identity.name, identity.kind, identity.impact, identity.target]);
    let place = places.get(key);
    if (place === undefined) {
      place = dependencies.push(identity) - 1;
      places.set(key, place);
    }
    return place;
  };
  const packService = ({ id, name, group, status, problems, worst, dependencies: own }: ServiceSummary): PackedService => ({
    id,
    ...(name === id ? {} : { name }),
    ...(group === null ? {} : { group }),
    status,
    ...(problems === 0 ? {} : { problems }),
    ...(worst === null ? {} : { worst }),
    dependencies: own.map(({ status, reading, ...identity }) => {
      const of = placeOf({ ...identity, id: identity.id.slice(id.length + 1) });
      return status === "ok" && reading === null ? of : { of, status, ...(reading === null ? {} : { reading }) };
    }),
  });
  return { ...rest, dependencies, services: services.map(packService) };
}

/** The overview as pages hold it, from what was sent. */
export function unpackOverview({ dependencies, services, ...rest }: OverviewPayload): Overview {
  return {
    ...rest,
    services: services.map(({ id, name, group, status, problems, worst, dependencies: own }) => ({
      id,
      name: name ?? id,
      group: group ?? null,
      status,
      problems: problems ?? 0,
      worst: worst ?? null,
      dependencies: own.map((packed) => {
        const { of, status, reading } = typeof packed === "number" ? { of: packed, status: "ok" as const, reading: undefined } : packed;
        return { ...dependencies[of]!, id: `${id}.${dependencies[of]!.id}`, status, reading: reading ?? null };
      }),
    })),
  };
}
