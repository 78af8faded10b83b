// Pure layout of the roadmap timeline: months as linear indices, swimlanes, rows and the
// geometry of bars and dependency arrows. No DOM here, so it is unit-tested and fast.
import type { RoadmapDto } from "../../bindings/RoadmapDto";
import type { TimelineItemDto } from "../../bindings/TimelineItemDto";

/** "2027-03" → months since January of year 0. */
export function monthIndex(text: string): number {
  // Read without allocating: the timeline calls this for every initiative on every change.
  if (text.length === 7 && text.charCodeAt(4) === 45) {
    let y = 0;
    let m = 0;
    let digits = true;
    for (let i = 0; i < 7; i++) {
      if (i === 4) continue;
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) digits = false;
      if (i < 4) y = y * 10 + d;
      else m = m * 10 + d;
    }
    if (digits && m >= 1 && m <= 12) return y * 12 + m - 1;
  }
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
  items: TimelineItemDto[];
}

/** Groups initiatives into swimlanes, in the plan's order of themes, goals or statuses. */
export function lanes(r: RoadmapDto, by: LaneBy, filter: string): Lane[] {
  const q = filter.trim().toLowerCase();
  const shown = r.items.filter(
    (x) => !q || x.name.toLowerCase().includes(q) || (x.owner ?? "").toLowerCase().includes(q),
  );
  // One pass over the initiatives, whatever the number of lanes.
  const buckets = new Map<string, TimelineItemDto[]>();
  const add = (key: string, x: TimelineItemDto) => {
    const list = buckets.get(key);
    if (list) list.push(x);
    else buckets.set(key, [x]);
  };
  const out: Lane[] = [];
  const push = (key: string, name: string) => {
    const items = buckets.get(key);
    if (items?.length) out.push({ key, name, items });
  };
  if (by === "theme") {
    const known = new Set(r.themes.map((t) => t.id));
    for (const x of shown) add(x.theme && known.has(x.theme) ? x.theme : "", x);
    for (const t of r.themes) push(t.id, t.name);
    push("", "No theme");
  } else if (by === "goal") {
    // An initiative serving two goals appears in both lanes.
    for (const x of shown) {
      const goals = x.goals ?? [];
      if (goals.length === 0) add("", x);
      for (const g of goals) add(g, x);
    }
    for (const g of r.goals) push(g.id, g.name);
    push("", "No goal");
  } else {
    for (const x of shown) add(x.status, x);
    for (const [key, name] of Object.entries(STATUS_LABELS)) push(key, name);
  }
  return out;
}

export const ROW_HEIGHT = 34;
export const LANE_HEADER = 30;

export interface Row {
  kind: "lane" | "item";
  y: number;
  lane: Lane;
  item?: TimelineItemDto;
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

/** The index of the first row whose bottom is below `y` (rows are sorted top to bottom). */
export function firstRowBelow(rs: Row[], y: number): number {
  let lo = 0;
  let hi = rs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid]!;
    if (r.y + (r.kind === "lane" ? LANE_HEADER : ROW_HEIGHT) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * An arrow from a predecessor's finish (or start) to its dependent's start, routed with elbows,
 * as the corners of a polyline [x0, y0, x1, y1, …]; the last point is the arrowhead's tip.
 */
export function arrowPoints(x1: number, y1: number, x2: number, y2: number): number[] {
  const gap = 8;
  if (x2 - x1 >= 2 * gap) {
    const mid = x1 + gap;
    return [x1, y1, mid, y1, mid, y2, x2 - 1, y2];
  }
  // Not enough room: go round, below (or above) the predecessor's row.
  const down = y2 > y1 ? 1 : -1;
  const midY = y1 + down * (ROW_HEIGHT / 2);
  return [x1, y1, x1 + gap, y1, x1 + gap, midY, x2 - gap, midY, x2 - gap, y2, x2 - 1, y2];
}

/**
 * The parts of a polyline of horizontal and vertical segments (as from `arrowPoints`) that fall
 * inside a rectangle, each as [x1, y1, x2, y2, offset], where offset is how far along its segment
 * the part starts (so a dashed line keeps its phase). An arrow between rows far apart is a
 * segment thousands of pixels long; drawing only what is in view keeps a frame's work
 * independent of the roadmap's size.
 */
export function clipSegments(p: number[], left: number, top: number, right: number, bottom: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 3 < p.length; i += 2) {
    const x1 = p[i]!;
    const y1 = p[i + 1]!;
    const x2 = p[i + 2]!;
    const y2 = p[i + 3]!;
    if (y1 === y2) {
      if (y1 < top || y1 > bottom) continue;
      const a = Math.max(Math.min(x1, x2), left);
      const b = Math.min(Math.max(x1, x2), right);
      if (a > b) continue;
      // Keep the segment's direction.
      if (x2 >= x1) out.push([a, y1, b, y1, a - x1]);
      else out.push([b, y1, a, y1, x1 - b]);
    } else {
      if (x1 < left || x1 > right) continue;
      const a = Math.max(Math.min(y1, y2), top);
      const b = Math.min(Math.max(y1, y2), bottom);
      if (a > b) continue;
      if (y2 >= y1) out.push([x1, a, x1, b, a - y1]);
      else out.push([x1, b, x1, a, y1 - b]);
    }
  }
  return out;
}
