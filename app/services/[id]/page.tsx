import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServicePage } from "@/components/service/service-page";
import { viewerOfPage } from "@/lib/access/page-access";
import { serviceKey } from "@/lib/api/query-keys";
import { getLantern } from "@/lib/engine/runtime";
import { Hydration } from "../../hydration";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await getLantern()).estate.services.find((s) => s.id === id)?.name ?? "Unknown service" };
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  const { lantern } = await viewerOfPage();
  const detail = lantern.views.service(id);
  if (!detail) notFound();
  return (
    <Hydration entries={[[serviceKey(id), detail]]}>
      <ServicePage serviceId={id} serverNow={Date.parse(detail.generatedAt)} />
    </Hydration>
  );
}
