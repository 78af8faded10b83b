// The Risks page's pure logic: which rows the filters show, in which order, how they fall in the
// 5 × 5 heat maps, and what a risk chip on a case or an initiative says. Scores and the
// above-appetite flag come from Rust (RiskRowDto); nothing here decides whether a risk is beyond
// appetite. A heat-map cell's own score (likelihood × impact) only places and colours the cell.
import type { RegisterRiskDto } from "../../bindings/RegisterRiskDto";
import type { ResponseDto } from "../../bindings/ResponseDto";
import type { RiskCategoryDto } from "../../bindings/RiskCategoryDto";
import type { RiskChoicesDto } from "../../bindings/RiskChoicesDto";
import type { RiskRowDto } from "../../bindings/RiskRowDto";
import type { RiskStatusDto } from "../../bindings/RiskStatusDto";

export const LEVELS = 5;

export type View = "inherent" | "residual";

/** A link a filter (or a chip) names: an initiative or a business case. */
export type LinkTarget = { kind: "initiative" | "case"; id: string };

/** "initiative:erp-finance" or "case:case-erp": how a link filter travels (a select's value, the
 *  session's focus). */
export function linkKey(t: LinkTarget): string {
  return `${t.kind}:${t.id}`;
}

export function parseLinkKey(text: string): LinkTarget | null {
  const at = text.indexOf(":");
  if (at < 0) return null;
  const kind = text.slice(0, at);
  const id = text.slice(at + 1);
  return (kind === "initiative" || kind === "case") && id ? { kind, id } : null;
}

/** A cell of one of the heat maps. */
export type Cell = { view: View; likelihood: number; impact: number };

export type StatusFilter = "" | "live" | RiskStatusDto;

export interface Filters {
  category: string;
  status: StatusFilter;
  owner: string;
  aboveOnly: boolean;
  /** A link key ("case:case-erp"), or "". */
  link: string;
  /** A heat-map cell clicked, or null. */
  cell: Cell | null;
}

export const NO_FILTERS: Filters = { category: "", status: "", owner: "", aboveOnly: false, link: "", cell: null };

export function isFiltered(f: Filters): boolean {
  return f.category !== "" || f.status !== "" || f.owner !== "" || f.aboveOnly || f.link !== "" || f.cell !== null;
}

function linked(risk: RegisterRiskDto, target: LinkTarget): boolean {
  return target.kind === "initiative"
    ? risk.links.initiatives.includes(target.id)
    : risk.links.business_cases.includes(target.id);
}

function statusMatches(status: RiskStatusDto, filter: StatusFilter): boolean {
  if (filter === "") return true;
  if (filter === "live") return status !== "closed";
  return status === filter;
}

/** The rows every filter but the heat-map cell lets through: what the heat maps count. */
export function filterRows(rows: RiskRowDto[], f: Filters): RiskRowDto[] {
  const link = parseLinkKey(f.link);
  return rows.filter(
    (r) =>
      (f.category === "" || r.risk.category === f.category) &&
      statusMatches(r.risk.status, f.status) &&
      (f.owner === "" || r.risk.owner === f.owner) &&
      (!f.aboveOnly || r.above_appetite) &&
      (link === null || linked(r.risk, link)),
  );
}

/** The rows the table shows: every filter, the cell too. */
export function tableRows(rows: RiskRowDto[], f: Filters): RiskRowDto[] {
  const cell = f.cell;
  const shown = filterRows(rows, f);
  if (!cell) return shown;
  return shown.filter((r) => {
    const rating = r.risk[cell.view];
    return rating.likelihood === cell.likelihood && rating.impact === cell.impact;
  });
}

/** counts[likelihood - 1][impact - 1]: how many rows sit in each cell of a view. A rating off
 *  the scale (which Rust refuses) is left out rather than guessed. */
export function heatCounts(rows: RiskRowDto[], view: View): number[][] {
  const counts = Array.from({ length: LEVELS }, () => Array<number>(LEVELS).fill(0));
  for (const r of rows) {
    const { likelihood, impact } = r.risk[view];
    const row = counts[likelihood - 1];
    if (row && impact >= 1 && impact <= LEVELS) row[impact - 1] = (row[impact - 1] ?? 0) + 1;
  }
  return counts;
}

/** The colour band of a cell's score (1–25): what the heat map and the score badges share. */
export type Band = "low" | "moderate" | "high" | "extreme";

export function band(score: number): Band {
  if (score >= 15) return "extreme";
  if (score >= 10) return "high";
  if (score >= 5) return "moderate";
  return "low";
}

/** The appetite the heat maps mark: the filtered category's, else the strictest any category
 *  states (so no cell beyond some appetite goes unmarked), with what it is. Null when none. */
export function appetiteLine(
  categories: RiskCategoryDto[],
  category: string,
): { appetite: number; label: string } | null {
  if (category !== "") {
    const c = categories.find((x) => x.id === category);
    return c && c.appetite != null ? { appetite: c.appetite, label: `${c.name} appetite` } : null;
  }
  const stated = categories.filter((c) => c.appetite != null);
  if (stated.length === 0) return null;
  const least = Math.min(...stated.map((c) => c.appetite as number));
  const names = stated.filter((c) => c.appetite === least).map((c) => c.name);
  return { appetite: least, label: `strictest appetite (${names.join(", ")})` };
}

/** Whether the cell at (likelihood, impact) scores above the appetite. */
export function cellAbove(likelihood: number, impact: number, appetite: number | null): boolean {
  return appetite != null && likelihood * impact > appetite;
}

/** Where a cell draws the appetite boundary: on the sides it shares with a cell within appetite
 *  (its left, lower impact; its bottom, lower likelihood). */
export function boundary(likelihood: number, impact: number, appetite: number | null): { left: boolean; bottom: boolean } {
  if (!cellAbove(likelihood, impact, appetite)) return { left: false, bottom: false };
  return {
    left: impact > 1 && !cellAbove(likelihood, impact - 1, appetite),
    bottom: likelihood > 1 && !cellAbove(likelihood - 1, impact, appetite),
  };
}

export type SortKey = "id" | "title" | "category" | "owner" | "inherent" | "residual" | "response" | "status" | "review" | "appetite";
export type Sort = { key: SortKey; descending: boolean };

const STATUS_ORDER: Record<RiskStatusDto, number> = { open: 0, occurred: 1, closed: 2 };

function compare(a: RiskRowDto, b: RiskRowDto, key: SortKey): number {
  const text = (x: string, y: string) => x.localeCompare(y, undefined, { sensitivity: "base", numeric: true });
  switch (key) {
    case "id":
      return text(a.risk.id, b.risk.id);
    case "title":
      return text(a.risk.title, b.risk.title);
    case "category":
      return text(a.category_name, b.category_name);
    case "owner":
      return text(a.risk.owner, b.risk.owner);
    case "inherent":
      return a.inherent_score - b.inherent_score;
    case "residual":
      return a.residual_score - b.residual_score;
    case "response":
      return text(a.risk.response, b.risk.response);
    case "status":
      return STATUS_ORDER[a.risk.status] - STATUS_ORDER[b.risk.status];
    case "review":
      // ISO dates sort as text; a risk with no review date comes last either way up.
      return text(a.risk.review ?? "9999", b.risk.review ?? "9999");
    case "appetite":
      return Number(a.above_appetite) - Number(b.above_appetite);
  }
}

/** The rows in the order asked; ties keep the register's order (a stable sort). */
export function sortRows(rows: RiskRowDto[], sort: Sort | null): RiskRowDto[] {
  if (!sort) return rows;
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => sign * compare(x.r, y.r, sort.key) || x.i - y.i)
    .map((x) => x.r);
}

/** Clicking a column: sort by it (scores and the flag highest first), then turn it around. */
export function nextSort(current: Sort | null, key: SortKey): Sort {
  if (current?.key === key) return { key, descending: !current.descending };
  return { key, descending: key === "inherent" || key === "residual" || key === "appetite" };
}

/** The owners named in the register, sorted, for the filter and the editor's suggestions. */
export function owners(rows: RiskRowDto[]): string[] {
  const names = new Set<string>();
  for (const r of rows) {
    if (r.risk.owner) names.add(r.risk.owner);
    for (const a of r.risk.actions) if (a.owner) names.add(a.owner);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** What a chip on a case or an initiative says: its linked risks that are not closed, and how
 *  many of them Rust flags above appetite. */
export function chipSummary(rows: RiskRowDto[], target: LinkTarget): { live: number; above: number } {
  let live = 0;
  let above = 0;
  for (const r of rows) {
    if (r.risk.status === "closed" || !linked(r.risk, target)) continue;
    live += 1;
    if (r.above_appetite) above += 1;
  }
  return { live, above };
}

export function chipLabel(s: { live: number; above: number }): string {
  const risks = s.live === 1 ? "1 open risk" : `${s.live} open risks`;
  return s.above > 0 ? `${risks} · ${s.above} above appetite` : risks;
}

/** The names of what a risk links to, initiatives first, then cases, then options. */
export function linkNames(risk: RegisterRiskDto, choices: RiskChoicesDto | null): string[] {
  const name = (list: { id: string; name: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.name ?? id;
  return [
    ...risk.links.initiatives.map((id) => name(choices?.initiatives, id)),
    ...risk.links.business_cases.map((id) => name(choices?.business_cases, id)),
    ...risk.links.sourcing_options.map((o) => {
      const c = choices?.sourcing_options.find((x) => x.study === o.study && x.option === o.option);
      return c ? `${c.option_name} (${c.study_name})` : `${o.option} (${o.study})`;
    }),
  ];
}

export const RESPONSE_LABELS: Record<ResponseDto, string> = {
  avoid: "Avoid",
  reduce: "Reduce",
  transfer: "Transfer",
  accept: "Accept",
  exploit: "Exploit",
  enhance: "Enhance",
  share: "Share",
};

export const STATUS_LABELS: Record<RiskStatusDto, string> = { open: "Open", occurred: "Occurred", closed: "Closed" };

/** A new risk as the editor starts it: in the first category, rated in the middle, reduced. */
export function blankRisk(category: string): RegisterRiskDto {
  return {
    id: "",
    title: "",
    kind: "threat",
    cause: "",
    event: "",
    effect: "",
    category,
    owner: "",
    inherent: { likelihood: 3, impact: 3 },
    residual: { likelihood: 2, impact: 3 },
    response: "reduce",
    actions: [],
    proximity: null,
    status: "open",
    review: null,
    links: { initiatives: [], business_cases: [], sourcing_options: [] },
    probability: null,
    cost: null,
    delay: null,
    benefit: null,
  };
}

/** The part of an error's field path after the risk's own (`risks[16].cost.amount.max` →
 *  `cost.amount.max`), to show the message beside the field it names. */
export function relativeField(field: string | undefined): string {
  if (!field) return "";
  return field.replace(/^risks\[\d+\]\.?/, "");
}
