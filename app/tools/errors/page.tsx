import type { Metadata } from "next";
import { ErrorLookup } from "@/components/tools/error-lookup";
import { viewerOfPage } from "@/lib/access/page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Error lookup" };

export default async function Page({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await viewerOfPage();
  const { q } = await searchParams;
  // ?q=a&q=b is a list; the box holds one message.
  const query = (Array.isArray(q) ? q[0] : q) ?? "";
  return <ErrorLookup key={query} initialQuery={query} />;
}
