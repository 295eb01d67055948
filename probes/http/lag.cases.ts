import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpLag } from "./lag";

// A Ponder indexer against its chain's head, read with eth_blockNumber.
const params = { title: "blocks behind the chain head", path: "/status", field: "latestIndexedBlock", reference: { url: "http://127.0.0.1:7408", jsonrpc: "eth_blockNumber" } };
const reading = (position: number, head: number) => ({ position, head, lag: Math.max(0, head - position) });

export default judgingCases(httpLag, {
  healthy: [
    { what: "at the head", data: reading(19_000_000, 19_000_000), params },
    { what: "9 blocks behind, one under the warning", data: reading(18_999_991, 19_000_000), params },
  ],
  raises: [
    { what: "10 blocks behind", finding: "http.lag", severity: "warn", data: reading(18_999_990, 19_000_000), params },
    { what: "100 blocks behind", finding: "http.lag", severity: "crit", data: reading(18_999_900, 19_000_000), params },
    { what: "10 blocks behind where the estate says crit at 10", finding: "http.lag", severity: "crit", data: reading(18_999_990, 19_000_000), params: { ...params, warn: 3, crit: 10 } },
  ],
});
