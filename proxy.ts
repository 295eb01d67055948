import { NextResponse, type NextRequest } from "next/server";
import { snapshotExpiredAt } from "@/lib/snapshots/expired-snapshot";

/** An expired snapshot's page answers 410 Gone, as its API does: a page cannot set its own status. */
export async function proxy(request: NextRequest) {
  const expired = await snapshotExpiredAt(request.nextUrl.pathname);
  if (!expired) return NextResponse.next();
  const when = expired.toISOString().replace("T", " ").slice(0, 16);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Snapshot expired · Lantern</title></head><body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>This snapshot has expired</h1><p>It was kept until ${when} UTC and is gone now. Ask whoever shared it for a new one, or look at the live pages.</p><p><a href="/">Lantern</a></p></body></html>`;
  return new NextResponse(html, { status: 410, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

export const config = { matcher: "/s/:path*" };
