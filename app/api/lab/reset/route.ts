import { route } from "@/lib/api/handle-api-error";
import { forwardToLab } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

export const POST = route(async () => forwardToLab("POST", "/reset"));
