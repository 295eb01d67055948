import type { Metadata } from "next";
import { TimelinePage } from "@/components/timeline/timeline-page";
import { viewerOfPage } from "@/lib/access/page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Timeline" };

export default async function Page({ searchParams }: { searchParams: Promise<{ service?: string | string[] }> }) {
  const { lantern, now } = await viewerOfPage();
  const { service } = await searchParams;
  const serviceId = (Array.isArray(service) ? service[0] : service) || undefined;
  const services = lantern.estate.services.map(({ id, name }) => ({ id, name }));
  return <TimelinePage services={services} serverNow={now} {...(serviceId ? { serviceId } : {})} />;
}
