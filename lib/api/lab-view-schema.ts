import { z } from "zod";

/** What the lab's control API says about its scenarios, as the Lab page reads it. */
const labScenarioSchema = z.object({
  id: z.string(),
  system: z.string(),
  title: z.string(),
  description: z.string(),
  applied: z.boolean(),
  expect: z.array(z.union([z.object({ dependency: z.string(), status: z.string() }), z.object({ service: z.string(), status: z.string() }), z.object({ finding: z.string(), on: z.string() })])),
});

export const labScenariosSchema = z.object({ scenarios: z.array(labScenarioSchema) });
export type LabScenario = z.infer<typeof labScenarioSchema>;
