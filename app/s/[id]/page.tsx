import type { Metadata } from "next";
import { SnapshotOverview } from "@/components/snapshots/snapshot-view";
import { snapshotOfPage } from "@/lib/snapshots/snapshot-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Snapshot", robots: { index: false } };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { snapshot, sha256 } = await snapshotOfPage(id);
  return <SnapshotOverview snapshot={snapshot} sha256={sha256} />;
}
