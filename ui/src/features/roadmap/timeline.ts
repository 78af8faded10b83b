// Pure layout of the roadmap timeline: months as linear indices, swimlanes, rows and the
// geometry of bars and dependency arrows. No DOM here, so it is unit-tested and fast.
import type { InitiativeDto } from "../../bindings/InitiativeDto";
import type { RoadmapDto } from "../../bindings/RoadmapDto";

/** "2027-03" → months since January of year 0. */
export function monthIndex(text: string): number {
  const [y, m] = text.split("-").map(Number);
  return (y ?? 0) * 12 + (m ?? 1) - 1;
}

/** The inverse of monthIndex. */
export function monthText(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2027-03" → "Mar 2027". */
export function monthLabel(text: string): string {
  const i = monthIndex(text);
  return `${MONTHS[i % 12]} ${Math.floor(i / 12)}`;
}

export type LaneBy = "theme" | "goal" | "status";
export type Zoom = "years" | "quarters" | "months";

/** Pixels per month at each zoom. */
export const MONTH_WIDTH: Record<Zoom, number> = { years: 14, quarters: 30, months: 64 };

export const STATUS_LABELS: Record<string, string> = {
  proposed: "Proposed",
  approved: "Approved",
  in_progress: "In progress",
  done: "Done",
  on_hold: "On hold",
  cancelled: "Cancelled",
};

export interface Lane {
  key: string;
  name: string;
  items: InitiativeDto[];
}

/** Groups initiatives into swimlanes, in the plan's order of themes, goals or statuses. */
export function lanes(r: RoadmapDto, by: LaneBy, filter: string): Lane[] {
  const q = filter.trim().toLowerCase();
  const shown = r.initiatives.filter(
    (x) => !q || x.input.name.toLowerCase().includes(q) || x.input.owner.toLowerCase().includes(q),
  );
  const out: Lane[] = [];
  const push = (key: string, name: string, items: InitiativeDto[]) => {
    if (items.length) out.push({ key, name, items });
  };
  if (by === "theme") {
    for (const t of r.themes) push(t.id, t.name, shown.filter((x) => x.input.theme === t.id));
    const known = new Set(r.themes.map((t) => t.id));
    push("", "No theme", shown.filter((x) => !x.input.theme || !known.has(x.input.theme)));
  } else if (by === "goal") {
    // An initiative serving two goals appears in both lanes.
    for (const g of r.goals) push(g.id, g.name, shown.filter((x) => x.input.goals.includes(g.id)));
    push("", "No goal", shown.filter((x) => x.input.goals.length === 0));
  } else {
    for (const [key, name] of Object.entries(STATUS_LABELS)) push(key, name, shown.filter((x) => x.input.status === key));
  }
  return out;
}

export const ROW_HEIGHT = 34;
export const LANE_HEADER = 30;

export interface Row {
  kind: "lane" | "item";
  y: number;
  lane: Lane;
  item?: InitiativeDto;
}

/** Rows top to bottom: a header per lane, then its initiatives. */
export function rows(ls: Lane[]): { rows: Row[]; height: number } {
  const out: Row[] = [];
  let y = 0;
  for (const lane of ls) {
    out.push({ kind: "lane", y, lane });
    y += LANE_HEADER;
    for (const item of lane.items) {
      out.push({ kind: "item", y, lane, item });
      y += ROW_HEIGHT;
    }
  }
  return { rows: out, height: y };
}

/** The month a pointer offset (pixels from the bar's grab point) snaps to, as a month delta. */
export function snapDelta(dx: number, monthWidth: number): number {
  return Math.round(dx / monthWidth);
}

/** New start and end after dragging the body (move) or an edge (resize) by `delta` months. */
export function dragged(
  start: string,
  end: string,
  mode: "move" | "start" | "end",
  delta: number,
): { start: string; end: string } {
  const s = monthIndex(start);
  const e = monthIndex(end);
  if (mode === "move") return { start: monthText(s + delta), end: monthText(e + delta) };
  if (mode === "start") return { start: monthText(Math.min(s + delta, e)), end };
  return { start, end: monthText(Math.max(e + delta, s)) };
}

/** An arrow from a predecessor's finish (or start) to its dependent's start, routed with elbows. */
export function arrowPath(x1: number, y1: number, x2: number, y2: number): string {
  const gap = 8;
  if (x2 - x1 >= 2 * gap) {
    const mid = x1 + gap;
    return `M${x1},${y1} H${mid} V${y2} H${x2 - 1}`;
  }
  // Not enough room: go round, below the predecessor's row.
  const down = y2 > y1 ? 1 : -1;
  const midY = y1 + down * (ROW_HEIGHT / 2);
  return `M${x1},${y1} H${x1 + gap} V${midY} H${x2 - gap} V${y2} H${x2 - 1}`;
}
