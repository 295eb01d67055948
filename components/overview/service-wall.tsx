"use client";

import Link from "next/link";
import { useRef, useState, type KeyboardEvent } from "react";
import type { ServiceSummary } from "@/lib/api/overview-schema";
import { useServiceHref } from "../frozen";
import { LOOK } from "../status-badge";

/** Tiles per row as laid out now: the first tile whose top differs from the first one's starts the second row. */
function columnsOf(tiles: HTMLElement[]): number {
  const top = tiles[0]?.offsetTop;
  const next = tiles.findIndex((tile) => tile.offsetTop !== top);
  return next === -1 ? tiles.length : next;
}

/**
 * Services with nothing to look at, a small tile each: colour, a mark and the
 * status in its name, the service's name on hover and focus. One tab stop for
 * the whole wall; the arrow keys, Home and End move within it, Enter opens.
 */
export function ServiceWall({ services, label }: { services: ServiceSummary[]; label: string }) {
  const href = useServiceHref();
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const current = Math.min(active, services.length - 1);

  const move = (event: KeyboardEvent) => {
    const tiles = [...(list.current?.querySelectorAll<HTMLElement>("a[data-tile]") ?? [])];
    const columns = columnsOf(tiles);
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -tiles.length, End: tiles.length };
    if (!(event.key in step)) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(tiles.length - 1, current + step[event.key]!));
    setActive(next);
    tiles[next]?.focus();
  };

  return (
    <ul ref={list} aria-label={label} onKeyDown={move} className="flex flex-wrap gap-1 pt-1">
      {services.map((service, index) => {
        const look = LOOK[service.status];
        return (
          <li key={service.id} className="group relative">
            <Link
              href={href(service.id)}
              data-tile
              data-service={service.id}
              data-status={service.status}
              tabIndex={index === current ? 0 : -1}
              onFocus={() => setActive(index)}
              aria-label={`${service.name}: ${look.label}`}
              title={`${service.name}: ${look.label}`}
              className={`flex size-7 items-center justify-center rounded text-xs ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600 ${look.className}`}
            >
              <span aria-hidden="true">{look.mark}</span>
            </Link>
            <span
              aria-hidden="true"
              className="pointer-events-none absolute bottom-full left-1/2 z-10 mb-1 hidden -translate-x-1/2 whitespace-nowrap rounded bg-zinc-900 px-2 py-0.5 text-xs text-white group-focus-within:block group-hover:block dark:bg-zinc-100 dark:text-zinc-900"
            >
              {service.name} · {look.label}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
