import { OverviewPage } from "@/components/overview/overview-page";
import { viewerOfPage } from "@/lib/access/page-access";
import { estateView } from "@/lib/engine/estate-view";
import { EstateHydration } from "./estate-hydration";

export const dynamic = "force-dynamic";

export default async function Page() {
  const { lantern } = await viewerOfPage();
  const view = estateView(lantern);
  return (
    <EstateHydration view={view}>
      <OverviewPage serverNow={Date.parse(view.generatedAt)} />
    </EstateHydration>
  );
}
