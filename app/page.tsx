import { OverviewPage } from "@/components/overview/overview-page";
import { estateView } from "@/lib/engine/estate-view";
import { getLantern } from "@/lib/engine/runtime";
import { EstateHydration } from "./estate-hydration";

export const dynamic = "force-dynamic";

export default function Page() {
  const lantern = getLantern();
  const view = estateView(lantern);
  return (
    <EstateHydration view={view}>
      <OverviewPage serverNow={Date.parse(view.generatedAt)} />
    </EstateHydration>
  );
}
