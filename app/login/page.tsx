import type { Metadata } from "next";
import { LoginForm } from "@/components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const wanted = Array.isArray(next) ? next[0] : next;
  // Back to a page of Lantern's own only: "//evil.example" is another site.
  const target = wanted && wanted.startsWith("/") && !wanted.startsWith("//") && !wanted.startsWith("/\\") ? wanted : "/";
  return <LoginForm next={target} />;
}
