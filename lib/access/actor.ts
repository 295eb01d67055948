import type { Role } from "./access-schema";

/** Who did something: a name and a role. */
export interface Actor {
  name: string;
  role: Role;
}

/** What a route needs: nobody in particular, a viewer, or an operator. */
export type Need = "public" | Role;

export function allows(role: Role, need: Need): boolean {
  return need === "public" || need === "viewer" || role === "operator";
}

/** Everyone, in access mode none. */
export const ANONYMOUS: Actor = { name: "anonymous", role: "operator" };
