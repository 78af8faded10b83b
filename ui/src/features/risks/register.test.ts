import { describe, expect, it } from "vitest";
import type { RiskCategoryDto } from "../../bindings/RiskCategoryDto";
import type { RiskRowDto } from "../../bindings/RiskRowDto";
import {
  NO_FILTERS,
  appetiteLine,
  band,
  blankRisk,
  boundary,
  chipLabel,
  chipSummary,
  filterRows,
  heatCounts,
  isFiltered,
  linkNames,
  nextSort,
  owners,
  parseLinkKey,
  relativeField,
  sortRows,
  tableRows,
  type Filters,
} from "./register";

function row(
  id: string,
  over: {
    category?: string;
    owner?: string;
    status?: "open" | "occurred" | "closed";
    inherent?: [number, number];
    residual?: [number, number];
    above?: boolean;
    initiatives?: string[];
    cases?: string[];
    review?: string | null;
  } = {},
): RiskRowDto {
  const risk = blankRisk(over.category ?? "cyber");
  risk.id = id;
  risk.title = `Risk ${id}`;
  risk.owner = over.owner ?? "";
  risk.status = over.status ?? "open";
  const [il, ii] = over.inherent ?? [3, 3];
  const [rl, ri] = over.residual ?? [2, 3];
  risk.inherent = { likelihood: il, impact: ii };
  risk.residual = { likelihood: rl, impact: ri };
  risk.links.initiatives = over.initiatives ?? [];
  risk.links.business_cases = over.cases ?? [];
  risk.review = over.review ?? null;
  return {
    risk,
    category_name: (over.category ?? "cyber").toUpperCase(),
    inherent_score: il * ii,
    residual_score: rl * ri,
    appetite: null,
    above_appetite: over.above ?? false,
  };
}

const ROWS: RiskRowDto[] = [
  row("a", { category: "cyber", owner: "CISO", inherent: [5, 4], residual: [3, 4], above: true, cases: ["case-erp"] }),
  row("b", { category: "delivery", owner: "PMO", inherent: [4, 4], residual: [3, 3], initiatives: ["erp"], review: "2027-03-01" }),
  row("c", { category: "cyber", owner: "CISO", status: "closed", inherent: [5, 4], residual: [1, 4], cases: ["case-erp"] }),
  row("d", { category: "supplier", owner: "CFO", status: "occurred", inherent: [2, 5], residual: [2, 5], above: true, initiatives: ["erp"], cases: ["case-erp"], review: "2026-12-01" }),
];

const ids = (rows: RiskRowDto[]) => rows.map((r) => r.risk.id);
const f = (over: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...over });

describe("filters", () => {
  it("lets everything through when nothing is chosen", () => {
    expect(ids(filterRows(ROWS, NO_FILTERS))).toEqual(["a", "b", "c", "d"]);
    expect(isFiltered(NO_FILTERS)).toBe(false);
  });

  it("filters by category, status, owner, appetite and link, all together", () => {
    expect(ids(filterRows(ROWS, f({ category: "cyber" })))).toEqual(["a", "c"]);
    expect(ids(filterRows(ROWS, f({ status: "live" })))).toEqual(["a", "b", "d"]);
    expect(ids(filterRows(ROWS, f({ status: "occurred" })))).toEqual(["d"]);
    expect(ids(filterRows(ROWS, f({ owner: "CISO" })))).toEqual(["a", "c"]);
    expect(ids(filterRows(ROWS, f({ aboveOnly: true })))).toEqual(["a", "d"]);
    expect(ids(filterRows(ROWS, f({ link: "case:case-erp" })))).toEqual(["a", "c", "d"]);
    expect(ids(filterRows(ROWS, f({ link: "initiative:erp" })))).toEqual(["b", "d"]);
    expect(ids(filterRows(ROWS, f({ link: "case:case-erp", status: "live", owner: "CFO" })))).toEqual(["d"]);
    expect(isFiltered(f({ aboveOnly: true }))).toBe(true);
  });

  it("reads link keys, refusing anything else", () => {
    expect(parseLinkKey("case:case-erp")).toEqual({ kind: "case", id: "case-erp" });
    expect(parseLinkKey("initiative:a:b")).toEqual({ kind: "initiative", id: "a:b" });
    expect(parseLinkKey("study:x")).toBeNull();
    expect(parseLinkKey("case:")).toBeNull();
    expect(parseLinkKey("")).toBeNull();
  });

  it("narrows the table to a clicked cell of either view, on top of the other filters", () => {
    const cell = { view: "residual" as const, likelihood: 3, impact: 4 };
    expect(ids(tableRows(ROWS, f({ cell })))).toEqual(["a"]);
    expect(ids(tableRows(ROWS, f({ cell: { view: "inherent", likelihood: 5, impact: 4 } })))).toEqual(["a", "c"]);
    expect(ids(tableRows(ROWS, f({ cell: { view: "inherent", likelihood: 5, impact: 4 }, status: "live" })))).toEqual(["a"]);
    // The heat maps count what the other filters show, not the cell.
    expect(filterRows(ROWS, f({ cell }))).toHaveLength(4);
  });
});

describe("heat maps", () => {
  it("bins each view by likelihood (row) and impact (column)", () => {
    const inherent = heatCounts(ROWS, "inherent");
    expect(inherent[4]?.[3]).toBe(2); // a and c: L5 × I4
    expect(inherent[3]?.[3]).toBe(1);
    expect(inherent[1]?.[4]).toBe(1);
    expect(inherent.flat().reduce((s, n) => s + n, 0)).toBe(4);
    const residual = heatCounts(ROWS, "residual");
    expect(residual[2]?.[3]).toBe(1);
    expect(residual[0]?.[3]).toBe(1);
    expect(residual.flat().reduce((s, n) => s + n, 0)).toBe(4);
  });

  it("leaves out a rating off the scale rather than guessing", () => {
    const odd = row("x", { inherent: [0, 3], residual: [6, 1] });
    expect(heatCounts([odd], "inherent").flat().every((n) => n === 0)).toBe(true);
    expect(heatCounts([odd], "residual").flat().every((n) => n === 0)).toBe(true);
  });

  it("colours by score band", () => {
    expect([1, 4, 5, 9, 10, 12, 15, 25].map(band)).toEqual(["low", "low", "moderate", "moderate", "high", "high", "extreme", "extreme"]);
  });

  it("marks the appetite of the chosen category, else the strictest stated", () => {
    const cats: RiskCategoryDto[] = [
      { id: "cyber", name: "Cyber", appetite: 8 },
      { id: "delivery", name: "Delivery", appetite: 12 },
      { id: "people", name: "People", appetite: null },
      { id: "legal", name: "Legal", appetite: 8 },
    ];
    expect(appetiteLine(cats, "delivery")).toEqual({ appetite: 12, label: "Delivery appetite" });
    expect(appetiteLine(cats, "people")).toBeNull();
    expect(appetiteLine(cats, "")).toEqual({ appetite: 8, label: "strictest appetite (Cyber, Legal)" });
    expect(appetiteLine([{ id: "x", name: "X", appetite: null }], "")).toBeNull();
  });

  it("draws the boundary where a cell above appetite meets one within it", () => {
    // Appetite 8: L3 × I3 = 9 is above; its left (L3 × I2 = 6) and bottom (L2 × I3 = 6) are not.
    expect(boundary(3, 3, 8)).toEqual({ left: true, bottom: true });
    // L4 × I3 = 12: left L4 × I2 = 8 is within, bottom L3 × I3 = 9 is above.
    expect(boundary(4, 3, 8)).toEqual({ left: true, bottom: false });
    expect(boundary(2, 4, 8)).toEqual({ left: false, bottom: false }); // 8: at appetite
    expect(boundary(1, 5, 4)).toEqual({ left: true, bottom: false }); // the scale's edge has no side
    expect(boundary(5, 5, null)).toEqual({ left: false, bottom: false });
  });
});

describe("sorting", () => {
  it("sorts by a column and turns it around, ties in the register's order", () => {
    expect(ids(sortRows(ROWS, { key: "residual", descending: true }))).toEqual(["a", "d", "b", "c"]);
    expect(ids(sortRows(ROWS, { key: "inherent", descending: false }))).toEqual(["d", "b", "a", "c"]);
    expect(ids(sortRows(ROWS, { key: "owner", descending: false }))).toEqual(["d", "a", "c", "b"]);
    expect(ids(sortRows(ROWS, { key: "status", descending: false }))).toEqual(["a", "b", "d", "c"]);
    expect(ids(sortRows(ROWS, { key: "review", descending: false }))).toEqual(["d", "b", "a", "c"]);
    expect(ids(sortRows(ROWS, { key: "appetite", descending: true }))).toEqual(["a", "d", "b", "c"]);
    expect(ids(sortRows(ROWS, null))).toEqual(["a", "b", "c", "d"]);
  });

  it("sorts scores highest first at the first click, text A to Z", () => {
    expect(nextSort(null, "residual")).toEqual({ key: "residual", descending: true });
    expect(nextSort({ key: "residual", descending: true }, "residual")).toEqual({ key: "residual", descending: false });
    expect(nextSort({ key: "residual", descending: true }, "title")).toEqual({ key: "title", descending: false });
  });
});

describe("chips and names", () => {
  it("counts a target's linked risks that are not closed, and those above appetite", () => {
    const erp = chipSummary(ROWS, { kind: "case", id: "case-erp" });
    expect(erp).toEqual({ live: 2, above: 2 });
    expect(chipLabel(erp)).toBe("2 open risks · 2 above appetite");
    const init = chipSummary(ROWS, { kind: "initiative", id: "erp" });
    expect(init).toEqual({ live: 2, above: 1 });
    expect(chipLabel(chipSummary(ROWS, { kind: "initiative", id: "none" }))).toBe("0 open risks");
    expect(chipLabel({ live: 1, above: 0 })).toBe("1 open risk");
  });

  it("lists owners once, and names links from the choices", () => {
    expect(owners(ROWS)).toEqual(["CFO", "CISO", "PMO"]);
    const r = structuredClone(ROWS[3]!.risk);
    r.links.sourcing_options = [{ study: "s", option: "o" }];
    const choices = {
      initiatives: [{ id: "erp", name: "ERP finance" }],
      business_cases: [{ id: "case-erp", name: "ERP replacement" }],
      sourcing_options: [{ study: "s", study_name: "Service desk", option: "o", option_name: "Managed" }],
    };
    expect(linkNames(r, choices)).toEqual(["ERP finance", "ERP replacement", "Managed (Service desk)"]);
    expect(linkNames(r, null)).toEqual(["erp", "case-erp", "o (s)"]);
  });

  it("shows an error beside the field its path names", () => {
    expect(relativeField("risks[16].cost.amount.max")).toBe("cost.amount.max");
    expect(relativeField("risks[3]")).toBe("");
    expect(relativeField(undefined)).toBe("");
  });
});
