import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LabPage } from "@/components/lab/lab-page";
import { estateView } from "@/lib/engine/estate-view";
import { viewerOfPage } from "@/lib/access/page-access";
import { labUrl } from "@/lib/lab-client";
import { EstateHydration } from "../estate-hydration";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Lab" };

export default async function Page() {
  if (!labUrl()) notFound();
  const { lantern } = await viewerOfPage();
  const view = estateView(lantern);
  return (
    <EstateHydration view={view}>
      <LabPage serverNow={Date.parse(view.generatedAt)} />
    </EstateHydration>
  );
}
