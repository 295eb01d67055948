import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LabPage } from "@/components/lab/lab-page";
import { viewerOfPage } from "@/lib/access/page-access";
import { labUrl } from "@/lib/lab-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Lab" };

export default async function Page() {
  if (!labUrl()) notFound();
  const { lantern } = await viewerOfPage();
  return <LabPage initial={lantern.views.overview()} />;
}
