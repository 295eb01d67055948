import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SnapshotService } from "@/components/snapshots/snapshot-view";
import { snapshotOfPage } from "@/lib/snapshots/snapshot-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Snapshot", robots: { index: false } };

export default async function Page({ params }: { params: Promise<{ id: string; serviceId: string }> }) {
  const { id, serviceId } = await params;
  const { snapshot, sha256 } = await snapshotOfPage(id);
  if (!snapshot.estate.services.some((s) => s.id === serviceId)) notFound();
  return <SnapshotService snapshot={snapshot} sha256={sha256} serviceId={serviceId} />;
}
