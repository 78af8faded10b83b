import { describe, expect, it } from "vitest";
import { currentFiscalYear, monthLabel, previewYears, unsendable } from "./format";

describe("format", () => {
  it("labels months", () => {
    expect(monthLabel("2026-07")).toBe("Jul 2026");
    expect(monthLabel("bad")).toBe("bad");
  });

  it("previews fiscal years like the Rust calendar", () => {
    expect(previewYears(7, "end_year", "FY", 2027, 2)).toEqual([
      { label: "FY2027", months: "Jul 2026 – Jun 2027" },
      { label: "FY2028", months: "Jul 2027 – Jun 2028" },
    ]);
    expect(previewYears(4, "start_year", "FY", 2026, 1)).toEqual([{ label: "FY2026", months: "Apr 2026 – Mar 2027" }]);
    expect(previewYears(1, "end_year", "FY", 2026, 1)).toEqual([{ label: "FY2026", months: "Jan 2026 – Dec 2026" }]);
    expect(previewYears(13, "end_year", "FY", 2026, 1)).toEqual([]);
  });

  it("finds the current fiscal year", () => {
    expect(currentFiscalYear(new Date(2026, 10, 22), 7, "end_year")).toBe(2027);
    expect(currentFiscalYear(new Date(2026, 5, 1), 7, "end_year")).toBe(2026);
    expect(currentFiscalYear(new Date(2026, 5, 1), 4, "start_year")).toBe(2026);
  });

  it("catches number fields that cannot be sent", () => {
    expect(unsendable({ first_year: 2027, years: 5 })).toEqual({});
    expect(Object.keys(unsendable({ first_year: null, years: 2.5 }))).toEqual([
      "settings.horizon.first_year",
      "settings.horizon.years",
    ]);
    // Out-of-range whole numbers are Rust's to reject, with its own message.
    expect(unsendable({ first_year: 2027, years: 99 })).toEqual({});
  });
});
