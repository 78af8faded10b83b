// Formatting shared by every view, so a month or a year reads the same everywhere.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** "2026-07" → "Jul 2026"; anything else is returned as it came. */
export function monthLabel(yearMonth: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!match) return yearMonth;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${month} ${match[1]}` : yearMonth;
}

/** "Jul 2026 – Jun 2027". */
export function monthRange(first: string, last: string): string {
  return `${monthLabel(first)} – ${monthLabel(last)}`;
}

export type Naming = "end_year" | "start_year";

export interface YearPreview {
  label: string;
  months: string;
}

/**
 * The fiscal years a horizon would cover, for the settings preview while the user types. The
 * authoritative calendar is in Rust (cairn-core's FiscalCalendar); this mirrors it for display
 * only and the saved plan always shows Rust's answer.
 */
export function previewYears(startMonth: number, naming: Naming, prefix: string, firstYear: number, years: number): YearPreview[] {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) return [];
  if (!Number.isInteger(years) || years < 1 || years > 30 || !Number.isInteger(firstYear)) return [];
  const out: YearPreview[] = [];
  for (let i = 0; i < years; i++) {
    const fy = firstYear + i;
    const startYear = startMonth === 1 || naming === "start_year" ? fy : fy - 1;
    const endMonth = ((startMonth + 10) % 12) + 1;
    const endYear = startMonth === 1 ? startYear : startYear + 1;
    const mm = (m: number) => String(m).padStart(2, "0");
    out.push({
      label: `${prefix}${fy}`,
      months: monthRange(`${startYear}-${mm(startMonth)}`, `${endYear}-${mm(endMonth)}`),
    });
  }
  return out;
}

/** The fiscal year that contains `today`, by the given calendar. */
export function currentFiscalYear(today: Date, startMonth: number, naming: Naming): number {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  const startYear = month >= startMonth ? year : year - 1;
  return startMonth === 1 || naming === "start_year" ? startYear : startYear + 1;
}

/**
 * Problems the form must catch before calling Rust: a number field left empty or holding a
 * fraction cannot even be sent as the integer the command expects. Everything else (ranges,
 * currency, prefix length) is Rust's to judge, and its answer is shown the same way. Keys are
 * the ApiError `field` paths, so both kinds of error land beside the same input.
 */
export function unsendable(settings: { first_year: unknown; years: unknown }): Record<string, string> {
  const errors: Record<string, string> = {};
  const whole = (v: unknown) => typeof v === "number" && Number.isInteger(v);
  if (!whole(settings.first_year)) errors["settings.horizon.first_year"] = "First fiscal year: enter a year, e.g. 2027";
  if (!whole(settings.years)) errors["settings.horizon.years"] = "Number of years: enter a whole number from 1 to 30";
  return errors;
}
