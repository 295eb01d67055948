import { route } from "@/lib/api/route";
import { forwardToLab } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

export const POST = route({ role: "operator" }, async () => forwardToLab("POST", "/reset"));
