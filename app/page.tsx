import { OverviewPage } from "@/components/overview/overview-page";
import { viewerOfPage } from "@/lib/access/page-access";
import { OVERVIEW_KEY } from "@/lib/api/query-keys";
import { Hydration } from "./hydration";

export const dynamic = "force-dynamic";

export default async function Page() {
  const { lantern } = await viewerOfPage();
  const overview = lantern.views.overview();
  return (
    <Hydration entries={[[OVERVIEW_KEY, overview]]}>
      <OverviewPage />
    </Hydration>
  );
}
