import type { Metadata } from "next";
import { AuditPage } from "@/components/audit/audit-page";
import { viewerOfPage } from "@/lib/access/page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function Page() {
  const { lantern, now } = await viewerOfPage();
  const dependencies = [...lantern.estate.dependencies.values()].map(({ id, serviceId }) => ({ id, serviceId }));
  return <AuditPage dependencies={dependencies} serverNow={now} />;
}
