import { OverviewPage } from "@/components/overview/overview-page";
import { viewerOfPage } from "@/lib/access/page-access";

export const dynamic = "force-dynamic";

export default async function Page() {
  const { lantern } = await viewerOfPage();
  return <OverviewPage initial={lantern.views.overview()} />;
}
