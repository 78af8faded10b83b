// Formatting of amounts and rates computed in Rust. Amounts arrive as exact decimal text or as
// numbers; both are shown in the plan's currency with its minor digits.

const cache = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, digits: number, compact: boolean): Intl.NumberFormat {
  const key = `${currency}|${digits}|${compact}`;
  let f = cache.get(key);
  if (!f) {
    f = compact
      ? new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 })
      : new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, f);
  }
  return f;
}

/** "$1,234,567.89" (negative as "−$1,234.00"). Decimal text keeps its digits up to the currency's. */
export function money(value: number | string, currency: string, digits = 2): string {
  const n = typeof value === "string" ? Number(value) : value;
  if (!Number.isFinite(n)) return "—";
  return formatter(currency, digits, false).format(n).replace("-", "−");
}

/** "$1.2M" for chart axes and cards. */
export function compactMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) return "—";
  return formatter(currency, 0, true).format(value).replace("-", "−");
}

/** Grid cells: "1,250,000" without the currency symbol; empty for zero. */
export function gridAmount(text: string, digits = 2): string {
  if (text === "" || Number(text) === 0) return "";
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  const decimals = text.includes(".") ? Math.min(text.split(".")[1]?.length ?? 0, Math.max(digits, 2)) : 0;
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    .format(n)
    .replace("-", "−");
}

/** 0.1337 → "13.37 %". */
export function percent(fraction: number, decimals = 2): string {
  if (!Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(decimals)} %`.replace("-", "−");
}

/** 5.968 → "5.97 years". */
export function years(value: number): string {
  return `${value.toFixed(2)} years`;
}

/**
 * Splits text copied from Excel or LibreOffice (tab-separated rows, CR/LF line ends, a trailing
 * newline) into a block of cells.
 */
export function parseClipboardBlock(text: string): string[][] {
  const rows = text.replace(/\r\n?/g, "\n").split("\n");
  if (rows.length > 1 && rows[rows.length - 1] === "") rows.pop();
  return rows.map((r) => r.split("\t").map((c) => c.trim()));
}
