import { describe, expect, it } from "vitest";
import { Redactor } from "@/lib/secrets/redactor";
import { CommandTarget } from "./commands";

const redactor = new Redactor([{ value: "pg-secret", variable: "PGPW" }, { value: "redis-secret" }, { value: "natspass", variable: "NATS_PW" }]);

describe("commands to check by hand", () => {
  it("psql with the password from its variable and the sslmode", () => {
    const target = new CommandTarget("postgres://birb:pg-secret@10.0.0.5:5433/birbcache?sslmode=require", redactor, 3000);
    expect(target.psql("SELECT 1")).toBe(`PGPASSWORD="\${PGPW}" PGSSLMODE=require psql -h 10.0.0.5 -p 5433 -U birb -d birbcache -c 'SELECT 1'`);
  });

  it("redis-cli with its database and a masked literal password", () => {
    const target = new CommandTarget("rediss://:redis-secret@cache:6380/10", redactor, 3000);
    expect(target.redisCli("INFO", "memory")).toBe(`REDISCLI_AUTH="****" redis-cli -h cache -p 6380 -n 10 --tls INFO memory`);
  });

  it("nats with user and password", () => {
    const target = new CommandTarget("nats://app:natspass@nats:4222", redactor, 3000);
    expect(target.nats("account", "info")).toBe(`nats --server nats://nats:4222 --user app --password "\${NATS_PW}" account info`);
  });

  it("curl with headers and the time budget", () => {
    const target = new CommandTarget("http://api:8080", redactor, 2500, { Authorization: "Bearer pg-secret" });
    expect(target.curl(new URL("http://api:8080/health"))).toBe(`curl -sS -i -m 3 -H "Authorization: Bearer \${PGPW}" 'http://api:8080/health'`);
  });
});
