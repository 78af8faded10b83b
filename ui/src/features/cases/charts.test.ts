import { describe, expect, it } from "vitest";
import type { SimulationDto } from "../../bindings/SimulationDto";
import { sCurveMarks, sCurvePoints } from "./charts";

const sim = {
  iterations: 1000,
  seed: 1,
  base_npv: 90,
  mean: 100,
  sd: 10,
  percentiles: [],
  probability_negative: 0,
  confidence: [
    [10, 80],
    [50, 100],
    [80, 112],
    [90, 120],
  ],
  base_pv_cost: 0,
  pv_cost_p80: 0,
  contingency_p80: 0,
  histogram_edges: [],
  histogram_counts: [],
  s_curve: [60, 100, 140],
  contributions: [],
  inputs: 1,
} as unknown as SimulationDto;

describe("the case's NPV S-curve", () => {
  it("puts each NPV against the share of runs at or below it", () => {
    expect(sCurvePoints(sim)).toEqual([
      [60, 0],
      [100, 50],
      [140, 100],
    ]);
  });

  it("marks the page's NPV as the base case, and P50 and P80 by nearest rank", () => {
    expect(sCurveMarks(sim, 95).map((m) => [m.name, m.value])).toEqual([
      ["Base case", 95],
      ["P50", 100],
      ["P80", 112],
    ]);
    // Without the page's NPV, the simulation's deterministic one.
    expect(sCurveMarks(sim, null)[0]?.value).toBe(90);
  });
});
