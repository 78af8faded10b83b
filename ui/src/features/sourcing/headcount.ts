// Headcount as the app writes every other signed figure: a true minus sign (U+2212), an explicit
// plus for a rise, and thousands separators ("−12 FTE", "+2.5 FTE", "0 FTE").

/** "-12" → "−12 FTE"; "2.5" → "+2.5 FTE"; text that is not a number is shown as it is. */
export function fte(text: string): string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(n)) return `${text} FTE`;
  const digits = (trimmed.split(".")[1] ?? "").length;
  const body = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.abs(n));
  const sign = n < 0 ? "−" : n > 0 ? "+" : "";
  return `${sign}${body} FTE`;
}
