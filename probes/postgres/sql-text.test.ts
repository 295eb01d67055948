import { describe, expect, it } from "vitest";
import { showQuery, sqlList, writeIn } from "./sql-text";

describe("showQuery", () => {
  it("masks string literals and cuts to 300 characters", () => {
    expect(showQuery("SELECT * FROM users WHERE email = 'a@b.c' AND note = 'it''s'")).toBe("SELECT * FROM users WHERE email = '?' AND note = '?'");
    expect(showQuery(`SELECT ${"x, ".repeat(200)}1`)).toHaveLength(300);
  });
});

describe("writeIn", () => {
  it.each(["SELECT count(*) FROM events", "with recent as (select 1) select * from recent;", "SHOW max_connections", "SELECT 'delete me' AS note"])("%s is a read", (sql) => {
    expect(writeIn(sql)).toBeUndefined();
  });

  it.each([
    ["DELETE FROM events", 'it starts with "DELETE", not SELECT, WITH, VALUES, TABLE or SHOW'],
    ["WITH gone AS (DELETE FROM events RETURNING 1) SELECT count(*) FROM gone", "it contains DELETE"],
    ["SELECT 1; DROP TABLE events", "it holds more than one statement"],
    ["select 1 -- comment\n; update x set y = 1", "it holds more than one statement"],
  ])("%s is refused: %s", (sql, reason) => {
    expect(writeIn(sql)).toBe(reason);
  });
});

describe("sqlList", () => {
  it("writes names as SQL string literals, quotes doubled", () => {
    expect(sqlList(["events", "o'brien"])).toBe("'events', 'o''brien'");
  });
});
