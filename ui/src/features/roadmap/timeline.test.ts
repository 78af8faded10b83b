import { describe, expect, it } from "vitest";
import type { RoadmapDto } from "../../bindings/RoadmapDto";
import type { TimelineItemDto } from "../../bindings/TimelineItemDto";
import { LANE_HEADER, ROW_HEIGHT, arrowPoints, clipSegments, dragged, firstRowBelow, lanes, monthIndex, monthLabel, monthText, rows, snapDelta } from "./timeline";

describe("timeline arithmetic", () => {
  it("round-trips months", () => {
    for (const m of ["2026-07", "2027-01", "2031-12", "2000-02"]) expect(monthText(monthIndex(m))).toBe(m);
    expect(monthIndex("2027-01") - monthIndex("2026-12")).toBe(1);
    expect(monthLabel("2027-03")).toBe("Mar 2027");
    expect(monthIndex("2027-12")).toBe(2027 * 12 + 11);
    expect(monthIndex("0999-01")).toBe(999 * 12);
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
    expect(arrowPoints(0, 10, 40, 50)).toEqual([0, 10, 8, 10, 8, 50, 39, 50]);
    const round = arrowPoints(40, 10, 20, 50);
    expect(round.length).toBe(12);
    expect(round.slice(-2)).toEqual([19, 50]);
  });
});

describe("arrows in view", () => {
  it("keeps only the parts inside the view, with their dash offset", () => {
    // Right 8, down 10,000, right to 39.
    const p = arrowPoints(0, 10, 40, 10010);
    expect(clipSegments(p, -100, 0, 100, 500)).toEqual([
      [0, 10, 8, 10, 0],
      [8, 10, 8, 500, 0],
    ]);
    expect(clipSegments(p, -100, 9000, 100, 9500)).toEqual([[8, 9000, 8, 9500, 8990]]);
    expect(clipSegments(p, 20, 0, 100, 20000)).toEqual([[20, 10010, 39, 10010, 12]]);
    expect(clipSegments(p, 100, 0, 200, 500)).toEqual([]);
    // Upwards and leftwards keep their direction.
    expect(clipSegments([50, 100, 50, 0], 0, 20, 100, 80)).toEqual([[50, 80, 50, 20, 20]]);
    expect(clipSegments([50, 5, 0, 5], 10, 0, 40, 10)).toEqual([[40, 5, 10, 5, 10]]);
  });
});

describe("timeline rows", () => {
  const item = (id: string, extra: Partial<TimelineItemDto> = {}): TimelineItemDto => ({
    id, name: id, status: "approved", start: "2027-01", end: "2027-06", total_float: 0, critical: false, ...extra,
  });
  const roadmap = {
    themes: [{ id: "t1", name: "One" }, { id: "t2", name: "Two" }],
    goals: [{ id: "g1", name: "Goal" }],
    items: [item("a", { theme: "t2", goals: ["g1"] }), item("b", { theme: "t1", owner: "CISO" }), item("c", { theme: "gone" }), item("d", { theme: "t2" })],
  } as unknown as RoadmapDto;

  it("groups into lanes in the plan's order, keeping the initiatives' order", () => {
    expect(lanes(roadmap, "theme", "").map((l) => [l.name, l.items.map((x) => x.id).join("")])).toEqual([
      ["One", "b"], ["Two", "ad"], ["No theme", "c"],
    ]);
    expect(lanes(roadmap, "goal", "").map((l) => [l.name, l.items.length])).toEqual([["Goal", 1], ["No goal", 3]]);
    expect(lanes(roadmap, "theme", "ciso").map((l) => l.items.map((x) => x.id).join(""))).toEqual(["b"]);
  });

  it("finds the first row in view by bisection", () => {
    const laid = rows(lanes(roadmap, "theme", ""));
    expect(laid.height).toBe(3 * LANE_HEADER + 4 * ROW_HEIGHT);
    expect(firstRowBelow(laid.rows, 0)).toBe(0);
    expect(firstRowBelow(laid.rows, LANE_HEADER)).toBe(1);
    expect(firstRowBelow(laid.rows, LANE_HEADER + 1)).toBe(1);
    expect(firstRowBelow(laid.rows, LANE_HEADER + ROW_HEIGHT)).toBe(2);
    expect(firstRowBelow(laid.rows, laid.height)).toBe(laid.rows.length);
    for (let y = 0; y < laid.height; y += 7) {
      const i = firstRowBelow(laid.rows, y);
      const linear = laid.rows.findIndex((r) => r.y + (r.kind === "lane" ? LANE_HEADER : ROW_HEIGHT) > y);
      expect(i).toBe(linear);
    }
  });
});
