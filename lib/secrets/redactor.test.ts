import { describe, expect, it } from "vitest";
import { Redactor } from "./redactor";

describe("Redactor", () => {
  const redactor = new Redactor([{ value: "hunter22", variable: "DB_PASSWORD" }, { value: "literal-secret" }, { value: "ab" }]);

  it("masks known secrets, URL passwords, secret query parameters and bearer tokens", () => {
    expect(redactor.redact("auth hunter22 failed")).toBe("auth **** failed");
    expect(redactor.redact("redis://:other@host:6379")).toBe("redis://:****@host:6379");
    expect(redactor.redact("https://h/x?token=abc&x=1")).toBe("https://h/x?token=****&x=1");
    expect(redactor.redact("Authorization: Bearer eyJhbGciOi.abc.def")).toBe("Authorization: Bearer ****");
  });

  it("leaves values too short to be told from ordinary words", () => {
    expect(redactor.redact("about")).toBe("about");
  });

  it("redacts deep inside data", () => {
    expect(redactor.redactDeep({ a: ["x hunter22"], n: 1 })).toEqual({ a: ["x ****"], n: 1 });
  });

  it("writes secrets in commands as their variable, or masked", () => {
    expect(redactor.shellWord("hunter22")).toBe('"${DB_PASSWORD}"');
    expect(redactor.shellWord("Authorization: Bearer hunter22")).toBe('"Authorization: Bearer ${DB_PASSWORD}"');
    expect(redactor.shellWord("literal-secret")).toBe('"****"');
    expect(redactor.shellWord("it's plain")).toBe(`'it'\\''s plain'`);
  });
});
