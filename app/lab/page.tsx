import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LabPage } from "@/components/lab/lab-page";
import { viewerOfPage } from "@/lib/access/page-access";
import { OVERVIEW_KEY } from "@/lib/api/query-keys";
import { labUrl } from "@/lib/lab-client";
import { Hydration } from "../hydration";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Lab" };

export default async function Page() {
  if (!labUrl()) notFound();
  const { lantern } = await viewerOfPage();
  return (
    <Hydration entries={[[OVERVIEW_KEY, lantern.views.overview()]]}>
      <LabPage />
    </Hydration>
  );
}
