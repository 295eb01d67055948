"use client";

import Link from "next/link";
import { memo, useRef, useState, useSyncExternalStore, type FocusEvent, type KeyboardEvent, type MouseEvent } from "react";
import type { ServiceSummary } from "@/lib/api/overview-schema";
import { useServiceHref } from "../frozen";
import { LOOK } from "../status-badge";

/** Tiles per row as laid out now: the first tile whose top differs from the first one's starts the second row. */
function columnsOf(tiles: HTMLElement[]): number {
  const top = tiles[0]?.offsetTop;
  const next = tiles.findIndex((tile) => tile.offsetTop !== top);
  return next === -1 ? tiles.length : next;
}

const TILE_PX = 32;
const noSubscription = () => () => undefined;

/**
 * True once the page runs in the browser. The wall is drawn there, from the
 * overview the page already holds: drawn on the server too, a thousand tiles
 * would arrive twice, as markup and as that data.
 */
const useInBrowser = () => useSyncExternalStore(noSubscription, () => true, () => false);

/** The name shown over the tile under the pointer or the focus: one element for the whole wall, not one per tile. */
interface NameTag {
  text: string;
  left: number;
  top: number;
}

/**
 * Services with nothing to look at, a small tile each: colour, a mark and the
 * status in its name, the service's name on hover and focus. One tab stop for
 * the whole wall; the arrow keys, Home and End move within it, Enter opens.
 * A tile is a link and a mark, so a thousand of them stay light to send and draw.
 */
export function ServiceWall({ services, label }: { services: ServiceSummary[]; label: string }) {
  const href = useServiceHref();
  const [active, setActive] = useState(0);
  const [tag, setTag] = useState<NameTag>();
  const list = useRef<HTMLUListElement>(null);
  const current = Math.min(active, services.length - 1);
  const inBrowser = useInBrowser();

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

  // Delegated from the list: which tile the pointer or focus is on, and where it sits.
  const show = (event: MouseEvent | FocusEvent) => {
    const tile = (event.target as HTMLElement).closest<HTMLElement>("a[data-tile]");
    if (!tile) return;
    if (event.type === "focus") setActive(Number(tile.dataset.index));
    setTag({ text: tile.getAttribute("aria-label") ?? "", left: tile.offsetLeft + tile.offsetWidth / 2, top: tile.offsetTop });
  };
  const hide = () => setTag(undefined);

  // Its room is kept while it is not drawn yet, so nothing below it jumps.
  if (!inBrowser) return <ul aria-label={label} aria-busy="true" style={{ minHeight: Math.ceil(services.length / 36) * TILE_PX }} />;

  return (
    <div className="relative">
      <ul ref={list} aria-label={label} onKeyDown={move} onMouseOver={show} onFocus={show} onMouseLeave={hide} onBlur={hide} className="flex flex-wrap gap-1 pt-1">
        {services.map((service, index) => (
          <Tile key={service.id} service={service} href={href(service.id)} index={index} focusable={index === current} />
        ))}
      </ul>
      {tag && (
        <span
          aria-hidden="true"
          style={{ left: tag.left, top: tag.top }}
          className="pointer-events-none absolute z-10 -translate-x-1/2 -translate-y-full whitespace-nowrap rounded bg-zinc-900 px-2 py-0.5 text-xs text-white dark:bg-zinc-100 dark:text-zinc-900"
        >
          {tag.text}
        </span>
      )}
    </div>
  );
}

/** One service on the wall; drawn again only when its own summary, place or focus changes. */
const Tile = memo(function Tile({ service, href, index, focusable }: { service: ServiceSummary; href: string; index: number; focusable: boolean }) {
  const look = LOOK[service.status];
  return (
    <li>
      {/* A thousand tiles would prefetch a thousand service pages: one is fetched when it is opened. */}
      <Link
        href={href}
        prefetch={false}
        data-tile
        data-index={index}
        data-service={service.id}
        data-status={service.status}
        tabIndex={focusable ? 0 : -1}
        aria-label={`${service.name}: ${look.label}`}
        className={`wall-tile ${look.className}`}
      >
        <span aria-hidden="true">{look.mark}</span>
      </Link>
    </li>
  );
});
