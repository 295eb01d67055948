import { route } from "@/lib/api/route";
import { forwardToLab } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => forwardToLab("GET", "/scenarios"));
