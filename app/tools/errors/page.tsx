import type { Metadata } from "next";
import { ErrorLookup } from "@/components/tools/error-lookup";

export const metadata: Metadata = { title: "Error lookup" };

export default async function Page({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  // ?q=a&q=b is a list; the box holds one message.
  const query = (Array.isArray(q) ? q[0] : q) ?? "";
  return <ErrorLookup key={query} initialQuery={query} />;
}
