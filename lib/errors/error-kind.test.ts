import { describe, expect, it } from "vitest";
import { isRequestError, RequestError } from "@/lib/api/request-error";
import { markKind } from "./error-kind";

describe("error kinds", () => {
  it("recognise an error made by another bundle's copy of its class, where instanceof fails", () => {
    // What a second copy of RequestError, loaded by another bundle, makes.
    class OtherCopy extends Error {
      readonly status = 409;
      constructor() {
        super("another fix is running");
        markKind(this, "RequestError");
      }
    }
    const error: unknown = new OtherCopy();
    expect(error instanceof RequestError).toBe(false);
    expect(isRequestError(error)).toBe(true);
    expect(isRequestError(new RequestError(404, "not_found", "no such thing"))).toBe(true);
    expect(isRequestError(new Error("plain"))).toBe(false);
    expect(isRequestError(undefined)).toBe(false);
  });
});
