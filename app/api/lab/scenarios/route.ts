import { route } from "@/lib/api/handle-api-error";
import { forwardToLab } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

export const GET = route(async () => forwardToLab("GET", "/scenarios"));
