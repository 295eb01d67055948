import type { DependencyIdentity, Overview, OverviewPayload } from "./overview-schema";

/**
 * The overview as sent: each distinct dependency described once, each
 * service's dependencies as places in that list. A dependency's id is its
 * service's id and its own (`shop.db`); the list keeps its own part (`db`),
 * so the services that all have a `db` on one target share one entry.
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
  return {
    ...rest,
    dependencies,
    services: services.map((service) => ({
      ...service,
      dependencies: service.dependencies.map(({ status, reading, ...identity }) => ({
        of: placeOf({ ...identity, id: identity.id.slice(service.id.length + 1) }),
        status,
        ...(reading === null ? {} : { reading }),
      })),
    })),
  };
}

/** The overview as pages hold it, from what was sent. */
export function unpackOverview({ dependencies, services, ...rest }: OverviewPayload): Overview {
  return {
    ...rest,
    services: services.map((service) => ({
      ...service,
      dependencies: service.dependencies.map(({ of, status, reading }) => ({ ...dependencies[of]!, id: `${service.id}.${dependencies[of]!.id}`, status, reading: reading ?? null })),
    })),
  };
}
