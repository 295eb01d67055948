import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresQuery } from "./query";

const processed = { title: "Events processed in the last 5 minutes", sql: "SELECT count(*) FROM events WHERE processed_at > now() - interval '5 minutes'", warnBelow: 10, critBelow: 0 };
const pending = { title: "Jobs pending", sql: "SELECT count(*) FROM jobs WHERE NOT done", warnAbove: 10_000, critAbove: 50_000 };

export default judgingCases(postgresQuery, {
  healthy: [
    { what: "events flowing", data: { value: 412 }, params: processed },
    { what: "just above the warn mark below", data: { value: 11 }, params: processed },
    { what: "a queue just under its warn mark", data: { value: 9_999 }, params: pending },
  ],
  raises: [
    { what: "at the warn mark below", finding: "postgres.query-threshold", severity: "warn", data: { value: 10 }, params: processed },
    { what: "no event processed in 5 minutes", finding: "postgres.query-threshold", severity: "crit", data: { value: 0 }, params: processed },
    { what: "10,000 jobs pending", finding: "postgres.query-threshold", severity: "warn", data: { value: 10_000 }, params: pending },
    { what: "50,000 jobs pending", finding: "postgres.query-threshold", severity: "crit", data: { value: 50_000 }, params: pending },
  ],
});
