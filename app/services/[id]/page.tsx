import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServicePage } from "@/components/service/service-page";
import { estateView } from "@/lib/engine/estate-view";
import { viewerOfPage } from "@/lib/access/page-access";
import { getLantern } from "@/lib/engine/runtime";
import { EstateHydration } from "../../estate-hydration";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await getLantern()).estate.services.find((s) => s.id === id)?.name ?? "Unknown service" };
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  const { lantern } = await viewerOfPage();
  if (!lantern.estate.services.some((service) => service.id === id)) notFound();
  const view = estateView(lantern);
  return (
    <EstateHydration view={view}>
      <ServicePage serviceId={id} serverNow={Date.parse(view.generatedAt)} />
    </EstateHydration>
  );
}
