import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpTraceContext } from "./trace-context";

const url = "http://127.0.0.1:7401/health";

export default judgingCases(httpTraceContext, {
  healthy: [
    { what: "our trace id came back in traceparent", data: { url, propagated: true, header: "traceparent" } },
    { what: "answers with a trace id of its own", data: { url, propagated: false, header: "x-request-id" } },
  ],
  raises: [{ what: "no trace header at all", finding: "http.trace-context-missing", severity: "warn", data: { url, propagated: false, header: null } }],
});
