import { describe, expect, it } from "vitest";
import type { ScheduleRiskDto } from "../../bindings/ScheduleRiskDto";
import { CRITICALITY_BANDS, chipIndex, confidenceIndex, criticalityBand, criticalityFill, latestFinish, sCurvePoints, whisker } from "./confidence";
import { monthIndex } from "./timeline";

const MW = 30;
const ORIGIN = monthIndex("2026-07");
const x = (m: number) => (m - ORIGIN) * MW;
const mark = (p50: string, p80: string, p90: string, criticality = 0.5) => ({
  planned: monthIndex("2027-06"),
  p50: monthIndex(p50),
  p80: monthIndex(p80),
  p90: monthIndex(p90),
  criticality,
});

describe("the Confidence view's whisker", () => {
  it("runs from the end of the bar's last month to the end of the P80 month, tail to P90", () => {
    const w = whisker(monthIndex("2027-06"), mark("2027-08", "2027-10", "2027-12"), x);
    // The bar ends at the end of June 2027: 12 months from July 2026.
    expect(w).toEqual({ from: 12 * MW, p50: 14 * MW, p80: 16 * MW, p90: 18 * MW });
  });

  it("never draws a percentile before the bar's end", () => {
    // Moved later than the simulated finish: P50 is before the drawn end.
    const w = whisker(monthIndex("2027-09"), mark("2027-08", "2027-10", "2027-12"), x);
    expect(w).toEqual({ from: 15 * MW, p50: 15 * MW, p80: 16 * MW, p90: 18 * MW });
  });

  it("is left out when even P90 is no later than the bar", () => {
    expect(whisker(monthIndex("2027-06"), mark("2027-06", "2027-06", "2027-06"), x)).toBeNull();
    expect(whisker(monthIndex("2027-12"), mark("2027-08", "2027-10", "2027-12"), x)).toBeNull();
  });

  it("orders from ≤ P50 ≤ P80 ≤ P90 and scales with the zoom", () => {
    for (const mw of [14, 30, 64]) {
      const xs = (m: number) => (m - ORIGIN) * mw;
      const w = whisker(monthIndex("2027-03"), mark("2027-05", "2027-09", "2028-01"), xs)!;
      expect(w.from).toBeLessThanOrEqual(w.p50);
      expect(w.p50).toBeLessThanOrEqual(w.p80);
      expect(w.p80).toBeLessThanOrEqual(w.p90);
      expect(w.p80 - w.from).toBe(6 * mw);
    }
  });
});

describe("criticality shading", () => {
  it("puts each index in its band, bounds included in the upper band", () => {
    expect(criticalityBand(0)).toBe(0);
    expect(criticalityBand(0.1999)).toBe(0);
    expect(criticalityBand(0.2)).toBe(1);
    expect(criticalityBand(0.4999)).toBe(1);
    expect(criticalityBand(0.5)).toBe(2);
    expect(criticalityBand(0.8)).toBe(3);
    expect(criticalityBand(1)).toBe(3);
    expect(criticalityFill(1)).toBe(CRITICALITY_BANDS[3]!.fill);
  });

  it("has bands rising from 0 with distinct fills and labels", () => {
    expect(CRITICALITY_BANDS[0]!.from).toBe(0);
    for (let i = 1; i < CRITICALITY_BANDS.length; i++) expect(CRITICALITY_BANDS[i]!.from).toBeGreaterThan(CRITICALITY_BANDS[i - 1]!.from);
    expect(new Set(CRITICALITY_BANDS.map((b) => b.fill)).size).toBe(CRITICALITY_BANDS.length);
    expect(new Set(CRITICALITY_BANDS.map((b) => b.label)).size).toBe(CRITICALITY_BANDS.length);
  });
});

const RESULT: ScheduleRiskDto = {
  runs: 100,
  seed: 7,
  planned_finish: "2027-06",
  finish: { p50: "2027-08", p80: "2027-09", p90: "2027-10" },
  initiatives: [
    { id: "a", name: "A", planned_finish: "2027-06", finish: { p50: "2027-08", p80: "2027-09", p90: "2027-10" }, criticality: 0.9 },
    { id: "b", name: "B", planned_finish: "2027-01", finish: { p50: "2027-01", p80: "2027-02", p90: "2027-03" }, criticality: 0.1 },
  ],
  milestones: [],
  s_curve: [
    { month: "2027-07", probability: 0.3 },
    { month: "2027-08", probability: 0.6 },
    { month: "2027-10", probability: 1 },
  ],
};

describe("the result indexed", () => {
  it("by initiative, once", () => {
    const m = confidenceIndex(RESULT);
    expect(m.get("a")).toEqual({ planned: monthIndex("2027-06"), p50: monthIndex("2027-08"), p80: monthIndex("2027-09"), p90: monthIndex("2027-10"), criticality: 0.9 });
    expect(m.size).toBe(2);
    expect(latestFinish(RESULT)).toBe(monthIndex("2027-10"));
  });

  it("the S-curve from the planned finish, months without a run carrying the share before", () => {
    expect(sCurvePoints(RESULT)).toEqual({
      months: ["2027-06", "2027-07", "2027-08", "2027-09", "2027-10"],
      shares: [0, 0.3, 0.6, 0.6, 1],
    });
  });

  it("chips red only with a risk above appetite", () => {
    const c = chipIndex([{ initiative: "a", open: 2, above_appetite: 1 }, { initiative: "b", open: 1, above_appetite: 0 }]);
    expect(c.get("a")).toEqual({ open: 2, above: true });
    expect(c.get("b")).toEqual({ open: 1, above: false });
  });
});
