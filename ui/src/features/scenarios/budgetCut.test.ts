import { describe, expect, it } from "vitest";
import { ceilingsFrom, fieldOf, fiscalYears, initialForm, requestKey, toRequest, valueText } from "./budgetCut";

describe("budget-cut form", () => {
  it("starts at a 15 % cut from the horizon's second year", () => {
    const f = initialForm(2027, 5);
    expect(f.fromYear).toBe(2028);
    expect(f.ceilings.map((c) => c.year)).toEqual([2027, 2028, 2029, 2030, 2031]);
    expect(toRequest(f)).toEqual({
      mode: "percent",
      percent: "15",
      from_year: 2028,
      ceilings: [],
      value: "priority",
      max_deferral_years: 2,
      pinned: [],
    });
  });

  it("sends only the filled ceilings, without thousands separators", () => {
    const f = initialForm(2027, 3);
    f.mode = "ceilings";
    f.ceilings[1]!.amount = " 1,250,000 ";
    expect(toRequest(f).ceilings).toEqual([{ year: 2028, theme: "", amount: "1250000" }]);
    expect(fieldOf("ceilings[0].amount", f)).toBe("ceiling-2028");
    expect(fieldOf("percent", f)).toBe("percent");
  });

  it("tells a changed request from the one a proposal was made for", () => {
    const f = initialForm(2027, 5);
    const before = requestKey(f);
    f.pinned = ["init-erp"];
    expect(requestKey(f)).not.toBe(before);
  });

  it("prefills ceilings from a proposal's year table", () => {
    const rows = [
      { year: "FY2027", scope: "Total", before: "100", after: "90", ceiling: "95", over_before: true, over_after: false },
      { year: "FY2028", scope: "Total", before: "80", after: "80", over_before: false, over_after: false },
      { year: "FY2028", scope: "Cyber", before: "8", after: "8", ceiling: "9", over_before: false, over_after: false },
    ];
    expect(ceilingsFrom(rows, fiscalYears(2027, 3))).toEqual([
      { year: 2027, amount: "95" },
      { year: 2028, amount: "80" },
      { year: 2029, amount: "" },
    ]);
  });

  it("shows points with one decimal only when needed", () => {
    const m = (v: number) => `$${v}`;
    expect(valueText(62, "priority points", m)).toBe("62");
    expect(valueText(55.8, "priority points", m)).toBe("55.8");
    expect(valueText(1200, "USD", m)).toBe("$1200");
  });
});
