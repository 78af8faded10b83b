// The budget-cut dialog's form and how it becomes a request. Rust judges every value (and names
// the field at fault); this module only shapes what the dialog sends and shows.
import type { BudgetCutRequestDto } from "../../bindings/BudgetCutRequestDto";
import type { BudgetCutYearDto } from "../../bindings/BudgetCutYearDto";

export interface CeilingRow {
  year: number;
  amount: string;
}

export interface BudgetCutForm {
  mode: "percent" | "ceilings";
  percent: string;
  fromYear: number;
  ceilings: CeilingRow[];
  value: "priority" | "npv";
  maxDeferral: number;
  pinned: string[];
}

/** A form for a plan's horizon: "cut 15 % from" its second fiscal year, by priority. */
export function initialForm(firstYear: number, years: number): BudgetCutForm {
  return {
    mode: "percent",
    percent: "15",
    fromYear: years > 1 ? firstYear + 1 : firstYear,
    ceilings: fiscalYears(firstYear, years).map((year) => ({ year, amount: "" })),
    value: "priority",
    maxDeferral: 2,
    pinned: [],
  };
}

/** The fiscal years of a horizon, in order. */
export function fiscalYears(firstYear: number, years: number): number[] {
  return Array.from({ length: Math.max(0, years) }, (_, k) => firstYear + k);
}

/** The request as the API takes it; empty ceiling rows are left out (no ceiling that year). */
export function toRequest(form: BudgetCutForm): BudgetCutRequestDto {
  return {
    mode: form.mode,
    percent: form.percent.trim(),
    from_year: form.fromYear,
    ceilings:
      form.mode === "ceilings"
        ? form.ceilings.filter((c) => c.amount.trim() !== "").map((c) => ({ year: c.year, theme: "", amount: c.amount.trim().replace(/,/g, "") }))
        : [],
    value: form.value,
    max_deferral_years: form.maxDeferral,
    pinned: [...form.pinned],
  };
}

/** Identifies a request: a proposal shown for another request is stale. */
export function requestKey(form: BudgetCutForm): string {
  return JSON.stringify(toRequest(form));
}

/** The API's field names (e.g. `ceilings[1].amount`) mapped to the form's inputs. */
export function fieldOf(apiField: string | undefined, form: BudgetCutForm): string | undefined {
  if (!apiField) return undefined;
  const m = /^ceilings\[(\d+)\]/.exec(apiField);
  if (m) {
    // The request leaves empty rows out: find the row the k-th sent ceiling came from.
    const sent = form.ceilings.filter((c) => c.amount.trim() !== "");
    const row = sent[Number(m[1])];
    return row ? `ceiling-${row.year}` : "ceilings";
  }
  return apiField;
}

/** Fills the ceilings from a proposal's year table: its ceiling, or the planned spend. */
export function ceilingsFrom(rows: BudgetCutYearDto[], years: number[]): CeilingRow[] {
  return years.map((year) => {
    const row = rows.find((r) => r.year.endsWith(String(year)) && r.scope === "Total");
    return { year, amount: row ? (row.ceiling ?? row.before) : "" };
  });
}

/** "62" or "55.8" for points; whole currency units otherwise. */
export function valueText(value: number, unit: string, money: (v: number) => string): string {
  if (unit === "priority points") return Number.isInteger(Math.round(value * 10) / 10) ? value.toFixed(0) : value.toFixed(1);
  return money(value);
}
