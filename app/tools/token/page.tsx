import type { Metadata } from "next";
import { TokenInspector } from "@/components/tools/token-inspector";
import { viewerOfPage } from "@/lib/access/page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Token inspector" };

export default async function Page() {
  const { lantern } = await viewerOfPage();
  // What the browser may know of each service's rules: never the secret.
  const services = lantern.estate.services.filter((s) => s.tokens)
    .map((s) => ({
      id: s.id,
      name: s.name,
      rules: [s.tokens!.algorithms.join("/"), s.tokens!.audience && `aud ${[s.tokens!.audience].flat().join(", ")}`, s.tokens!.issuer && `iss ${s.tokens!.issuer}`].filter(Boolean).join(", "),
    }));
  return <TokenInspector services={services} />;
}
