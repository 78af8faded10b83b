import { describe, expect, it } from "vitest";
import { arrowPath, dragged, monthIndex, monthLabel, monthText, snapDelta } from "./timeline";

describe("timeline arithmetic", () => {
  it("round-trips months", () => {
    for (const m of ["2026-07", "2027-01", "2031-12", "2000-02"]) expect(monthText(monthIndex(m))).toBe(m);
    expect(monthIndex("2027-01") - monthIndex("2026-12")).toBe(1);
    expect(monthLabel("2027-03")).toBe("Mar 2027");
  });

  it("snaps drags to whole months", () => {
    expect(snapDelta(20, 30)).toBe(1);
    expect(snapDelta(14, 30)).toBe(0);
    expect(snapDelta(-46, 30)).toBe(-2);
  });

  it("moves and resizes without inverting a bar", () => {
    expect(dragged("2027-01", "2027-03", "move", 2)).toEqual({ start: "2027-03", end: "2027-05" });
    expect(dragged("2027-01", "2027-03", "end", -5)).toEqual({ start: "2027-01", end: "2027-01" });
    expect(dragged("2027-01", "2027-03", "start", 1)).toEqual({ start: "2027-02", end: "2027-03" });
    expect(dragged("2027-01", "2027-03", "start", 9)).toEqual({ start: "2027-03", end: "2027-03" });
  });

  it("routes arrows forwards or around", () => {
    expect(arrowPath(0, 10, 40, 50)).toBe("M0,10 H8 V50 H39");
    expect(arrowPath(40, 10, 20, 50).split(" ").length).toBe(6);
  });
});
