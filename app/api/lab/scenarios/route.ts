import { route } from "@/lib/api/route";
import { forwardToLab } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async () => forwardToLab("GET", "/scenarios"));
