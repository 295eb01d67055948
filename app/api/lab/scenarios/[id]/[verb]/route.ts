import { z } from "zod";
import { route } from "@/lib/api/route";
import { forwardToLab } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/), verb: z.enum(["apply", "revert"]) });

export const POST = route({ role: "operator", params: paramsSchema }, async ({ params }) => forwardToLab("POST", `/scenarios/${params.id}/${params.verb}`));
