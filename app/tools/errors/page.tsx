import type { Metadata } from "next";
import { ErrorLookup } from "@/components/tools/error-lookup";

export const metadata: Metadata = { title: "Error lookup" };

export default async function Page({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  return <ErrorLookup key={q ?? ""} initialQuery={q ?? ""} />;
}
