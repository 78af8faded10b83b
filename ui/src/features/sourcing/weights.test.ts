import { describe, expect, it } from "vitest";
import { pairPosition, pairSentence, pairs, rebalance, setPair, toPercentages } from "./weights";

const sum = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 10) / 10;

describe("sliders always sum to 100 %", () => {
  it("rescales the others in proportion", () => {
    const w = rebalance([50, 30, 20], 0, 60);
    expect(w).toEqual([60, 24, 16]);
    expect(sum(w)).toBe(100);
  });
  it("spreads evenly when the others were all zero", () => {
    expect(rebalance([100, 0, 0], 0, 40)).toEqual([40, 30, 30]);
  });
  it("keeps the total exact after rounding", () => {
    for (const v of [0, 1, 33.3, 66.7, 99.9, 100]) {
      expect(sum(rebalance([12.5, 12.5, 25, 10, 40, 0, 0.1, 7, 3], 3, v))).toBe(100);
    }
  });
  it("clamps to 0–100", () => {
    expect(rebalance([50, 50], 1, 140)).toEqual([0, 100]);
    expect(rebalance([50, 50], 1, -5)).toEqual([100, 0]);
  });
  it("turns any weights into percentages", () => {
    expect(sum(toPercentages([0.25, 0.15, 0.12, 0.1, 0.08, 0.07, 0.08, 0.07, 0.08]))).toBe(100);
    expect(toPercentages([0, 0])).toEqual([50, 50]);
  });
});

describe("pairwise judgements", () => {
  it("reads and writes either direction", () => {
    let j = setPair([], "a", "b", 2);
    expect(j).toEqual([{ more: "a", less: "b", intensity: 3 }]);
    expect(pairPosition(j, "a", "b")).toBe(2);
    expect(pairPosition(j, "b", "a")).toBe(-2);
    j = setPair(j, "b", "a", 4);
    expect(j).toEqual([{ more: "b", less: "a", intensity: 5 }]);
    expect(setPair(j, "a", "b", 0)).toEqual([]);
  });
  it("says the judgement in Saaty's words", () => {
    expect(pairSentence("Security", "Cost", 2)).toBe("Security is moderately more important than Cost");
    expect(pairSentence("Security", "Cost", -8)).toBe("Cost is extremely more important than Security");
    expect(pairSentence("Security", "Cost", 0)).toBe("Security and Cost are equally important");
  });
  it("lists every pair once", () => {
    expect(pairs(["a", "b", "c"])).toEqual([["a", "b"], ["a", "c"], ["b", "c"]]);
  });
});
