"use client";

import { useRouter } from "next/navigation";
import { memo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from "react";
import type { ServiceSummary } from "@/lib/api/overview-schema";
import { useServiceHref } from "../frozen";
import { LOOK } from "../status-badge";

/** Tiles per row as laid out now: the first tile whose top differs from the first one's starts the second row. */
function columnsOf(tiles: HTMLElement[]): number {
  const top = tiles[0]?.offsetTop;
  const next = tiles.findIndex((tile) => tile.offsetTop !== top);
  return next === -1 ? tiles.length : next;
}

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
 * A tile is a bare link styled by its status (globals.css), and the wall
 * listens for the whole of it: a thousand tiles arrive in the page's first
 * bytes and cost the browser next to nothing to draw and hydrate.
 */
export function ServiceWall({ services, label }: { services: ServiceSummary[]; label: string }) {
  const href = useServiceHref();
  const router = useRouter();
  const [active, setActive] = useState(0);
  const [tag, setTag] = useState<NameTag>();
  const list = useRef<HTMLUListElement>(null);
  const current = Math.min(active, services.length - 1);
  const tiles = () => [...(list.current?.querySelectorAll<HTMLElement>("a[data-tile]") ?? [])];
  const tileOf = (event: { target: EventTarget }) => (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-tile]");

  const move = (event: KeyboardEvent) => {
    const all = tiles();
    const columns = columnsOf(all);
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -all.length, End: all.length };
    if (!(event.key in step)) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(all.length - 1, current + step[event.key]!));
    setActive(next);
    all[next]?.focus();
  };

  // Where the pointer or focus is, and where that tile sits.
  const show = (event: MouseEvent | FocusEvent) => {
    const tile = tileOf(event);
    if (!tile) return;
    if (event.type === "focus") setActive(tiles().indexOf(tile));
    setTag({ text: tile.getAttribute("aria-label") ?? "", left: tile.offsetLeft + tile.offsetWidth / 2, top: tile.offsetTop });
  };
  const hide = () => setTag(undefined);

  // A plain click opens the service inside the app, as a Link would; a click with a modifier is the browser's (a new tab, say).
  const open = (event: MouseEvent) => {
    const tile = tileOf(event);
    if (!tile || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.push(tile.getAttribute("href")!);
  };

  return (
    <div className="relative">
      <ul ref={list} aria-label={label} onKeyDown={move} onMouseOver={show} onFocus={show} onMouseLeave={hide} onBlur={hide} onClick={open} className="flex flex-wrap gap-1 pt-1">
        {services.map((service, index) => (
          <Tile key={service.id} service={service} href={href(service.id)} focusable={index === current} />
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

/** One service on the wall; drawn again only when its own summary or focus changes. */
const Tile = memo(function Tile({ service, href, focusable }: { service: ServiceSummary; href: string; focusable: boolean }) {
  return (
    <li>
      <a href={href} data-tile="" data-status={service.status} tabIndex={focusable ? 0 : -1} aria-label={`${service.name}: ${LOOK[service.status].label}`} className="wall-tile" />
    </li>
  );
});
