import { describe, expect, it } from "vitest";
import { describeFailure, ProbeTimeoutError } from "./describe-failure";

const describeIt = (error: unknown) => describeFailure(error, 2000, (text) => text.replace("s3cret", "****"));
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("describeFailure", () => {
  it.each([
    [withCode("connect ECONNREFUSED 127.0.0.1:5999", "ECONNREFUSED"), "connection refused"],
    [new TypeError("fetch failed", { cause: withCode("getaddrinfo ENOTFOUND db.internal", "ENOTFOUND") }), "DNS lookup failed"],
    [new ProbeTimeoutError(2000), "timeout after 2000 ms"],
    [new Error("Connection terminated due to connection timeout"), "timeout after 2000 ms"],
    [withCode('password authentication failed for user "birb"', "28P01"), "authentication failed"],
    [new Error("NOAUTH Authentication required."), "authentication failed"],
    [new Error("WRONGPASS invalid username-password pair or user is disabled."), "authentication failed"],
    [withCode("sorry, too many clients already", "53300"), "too many connections (remaining connection slots are reserved)"],
    [withCode("read ECONNRESET", "ECONNRESET"), "connection reset"],
  ])("%s → down: %s", (error, reason) => {
    expect(describeIt(error)).toEqual({ status: "down", reason });
  });

  it("anything else is the probe's own error, redacted", () => {
    expect(describeIt(new Error("permission denied for view pg_stat_statements (s3cret)"))).toEqual({
      status: "error",
      reason: "permission denied for view pg_stat_statements (****)",
    });
  });
});
