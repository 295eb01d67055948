// `npm run generate`: the files generated from the code, so editors and readers see what the code knows.
import { readFileSync, writeFileSync } from "node:fs";
import { estateJsonSchema } from "@/lib/config/estate-schema";
import { probeTableMarkdown } from "./describe-catalog";

const schemaFile = new URL("../../public/estate.schema.json", import.meta.url);
writeFileSync(schemaFile, `${JSON.stringify(estateJsonSchema(), null, 2)}\n`);
console.log(`wrote ${schemaFile.pathname}`);

const readmeFile = new URL("../../README.md", import.meta.url);
const readme = readFileSync(readmeFile, "utf8");
const section = /(<!-- probes:start -->\n)[\s\S]*?(<!-- probes:end -->)/;
if (!section.test(readme)) throw new Error("README.md has no <!-- probes:start --> … <!-- probes:end --> section");
writeFileSync(readmeFile, readme.replace(section, (_all, start: string, end: string) => `${start}${probeTableMarkdown()}\n${end}`));
console.log(`wrote the probe table of ${readmeFile.pathname}`);
