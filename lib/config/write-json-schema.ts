// Regenerates public/estate.schema.json from the zod schema: `npm run schema`.
import { writeFileSync } from "node:fs";
import { estateJsonSchema } from "./estate-schema";

const target = new URL("../../public/estate.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(estateJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
