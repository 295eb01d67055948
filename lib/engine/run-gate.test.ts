import { describe, expect, it } from "vitest";
import { RunGate } from "./run-gate";

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("RunGate", () => {
  it("lets `limit` runs through and the rest in order as slots free", async () => {
    const gate = new RunGate(2);
    const order: number[] = [];
    const runs = [1, 2, 3, 4].map(async (n) => {
      await gate.enter();
      order.push(n);
    });
    await settled();
    expect(order).toEqual([1, 2]);
    expect(gate.waiting).toBe(2);
    gate.leave();
    await settled();
    expect(order).toEqual([1, 2, 3]);
    gate.leave();
    gate.leave();
    gate.leave();
    await Promise.all(runs);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(gate.waiting).toBe(0);
    // Every slot is free again: two more go straight through.
    await gate.enter();
    await gate.enter();
    expect(gate.waiting).toBe(0);
  });
});
