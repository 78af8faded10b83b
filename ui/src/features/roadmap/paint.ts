// Paints the roadmap timeline's view onto its canvas: the header, the label column and the
// body's rows in view (lane bands, year and today lines, ghost bars, float, arrows cut to the
// view, bars, milestones). Everything it draws comes in a `Scene`; it keeps no state but the
// names it has measured. See Timeline.svelte and decision 0009.
import type { GhostBarDto } from "../../bindings/GhostBarDto";
import type { TimelineItemDto } from "../../bindings/TimelineItemDto";
import { LANE_HEADER, ROW_HEIGHT, arrowPoints, clipSegments, firstRowBelow, monthIndex, type Row } from "./timeline";
import { criticalityFill, whisker, type Chip, type ConfidenceMark } from "./confidence";

export const LABEL_WIDTH = 280;
export const HEADER = 48;
export const BAR_HEIGHT = 18;

/** Colours and the font, from the stylesheet. */
export type Theme = {
  surface: string;
  border: string;
  borderStrong: string;
  text: string;
  muted: string;
  faint: string;
  navy: string;
  navy2: string;
  accent: string;
  accentStrong: string;
  danger: string;
  font: string;
};

const FALLBACK: Theme = {
  surface: "#ffffff",
  border: "#dfe4eb",
  borderStrong: "#c7cfda",
  text: "#1b2635",
  muted: "#5b687a",
  faint: "#8a96a6",
  navy: "#14233b",
  navy2: "#1f3556",
  accent: "#d9a443",
  accentStrong: "#9a6a14",
  danger: "#b42318",
  font: "system-ui, sans-serif",
};

/** The stylesheet's colours and font as `el` sees them. */
export function readTheme(el: Element): Theme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    surface: v("--surface", FALLBACK.surface),
    border: v("--border", FALLBACK.border),
    borderStrong: v("--border-strong", FALLBACK.borderStrong),
    text: v("--text", FALLBACK.text),
    muted: v("--text-muted", FALLBACK.muted),
    faint: v("--text-faint", FALLBACK.faint),
    navy: v("--navy", FALLBACK.navy),
    navy2: v("--navy-2", FALLBACK.navy2),
    accent: v("--accent", FALLBACK.accent),
    accentStrong: v("--accent-strong", FALLBACK.accentStrong),
    danger: v("--danger", FALLBACK.danger),
    font: css.fontFamily || FALLBACK.font,
  };
}

/** A header period: a fiscal year, quarter or month, in the body's x. */
export type Period = { label: string; x: number; w: number };

/** What one frame draws. */
export interface Scene {
  /** The canvas's size in CSS pixels (the view). */
  width: number;
  height: number;
  scrollLeft: number;
  scrollTop: number;
  rows: Row[];
  years: Period[];
  subPeriods: Period[];
  monthWidth: number;
  /** A month index's x in the body. */
  x: (month: number) => number;
  todayX: number;
  selected: string | null;
  critical: Set<string>;
  /** "on>initiative" of every violated dependency. */
  violated: Set<string>;
  byId: Map<string, TimelineItemDto>;
  /** The y of each initiative's first row. */
  rowOf: Map<string, number>;
  dependentsOf: Map<string, TimelineItemDto[]>;
  ghostOf: Map<string, GhostBarDto>;
  /** Where an initiative is drawn now (while dragged, where the drag or preview puts it). */
  datesOf: (item: TimelineItemDto) => { start: string; end: string };
  isMoving: (id: string) => boolean;
  bar: (r: Row, item: TimelineItemDto) => { bx: number; bw: number; by: number };
  theme: Theme;
  /** The Confidence view's figures by initiative, when it is on: bars shaded by criticality,
   * whiskers to P80 and P90 beyond the planned finish. */
  confidence: Map<string, ConfidenceMark> | null;
  /** Risk chips by initiative: linked risks not closed, red when one is above appetite. */
  chips: Map<string, Chip> | null;
}

const STATUS_FILL: Record<string, string> = {
  proposed: "#9fb3cc",
  approved: "#4f7cac",
  in_progress: "#1f3556",
  done: "#2f7a4f",
  on_hold: "#c9a04a",
  cancelled: "#b9c1cc",
};
const MILESTONE_FILL: Record<string, string> = { decision_gate: "#d9a443", go_live: "#2f7a6f", other: "#5b687a" };

// Names cut to the label column, measured once per name and font.
const fitted = new Map<string, string>();
function fit(c: CanvasRenderingContext2D, text: string, max: number): string {
  const key = `${c.font}|${max}|${text}`;
  const hit = fitted.get(key);
  if (hit !== undefined) return hit;
  let out = text;
  if (c.measureText(text).width > max) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (c.measureText(text.slice(0, mid) + "…").width <= max) lo = mid;
      else hi = mid - 1;
    }
    out = text.slice(0, lo).trimEnd() + "…";
  }
  if (fitted.size > 20000) fitted.clear();
  fitted.set(key, out);
  return out;
}

/** Draws what is in view: the body's rows, the label column, the header and the corner. */
export function paint(canvas: HTMLCanvasElement, c: CanvasRenderingContext2D, s: Scene): void {
  const W = s.width;
  const H = s.height;
  const dpr = window.devicePixelRatio || 1;
  const pw = Math.round(W * dpr);
  const ph = Math.round(H * dpr);
  if (canvas.width !== pw || canvas.height !== ph) {
    canvas.width = pw;
    canvas.height = ph;
  }
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  const t = s.theme;
  const sl = s.scrollLeft;
  const st = s.scrollTop;
  const rs = s.rows;
  const i0 = firstRowBelow(rs, st);
  const i1 = Math.min(rs.length, firstRowBelow(rs, st + H - HEADER) + 1);
  const left = sl;
  const right = sl + W - LABEL_WIDTH;
  const bottom = st + H - HEADER;

  c.fillStyle = t.surface;
  c.fillRect(0, 0, W, H);

  // The body, in its own coordinates.
  c.save();
  c.beginPath();
  c.rect(LABEL_WIDTH, HEADER, W - LABEL_WIDTH, H - HEADER);
  c.clip();
  c.translate(LABEL_WIDTH - sl, HEADER - st);
  c.fillStyle = "#f3f6f9";
  for (let i = i0; i < i1; i++) {
    const r = rs[i]!;
    if (r.kind === "lane") c.fillRect(left, r.y, right - left, LANE_HEADER);
  }
  c.strokeStyle = t.borderStrong;
  c.lineWidth = 1;
  c.beginPath();
  for (const y of s.years) {
    if (y.x < left - 1 || y.x > right + 1) continue;
    c.moveTo(Math.round(y.x) + 0.5, st);
    c.lineTo(Math.round(y.x) + 0.5, bottom);
  }
  c.stroke();
  const tx = s.todayX;
  c.strokeStyle = t.accent;
  c.lineWidth = 2;
  c.beginPath();
  c.moveTo(tx, st);
  c.lineTo(tx, bottom);
  c.stroke();
  c.font = `600 10px ${t.font}`;
  c.fillStyle = t.accentStrong;
  c.textBaseline = "alphabetic";
  c.fillText("Today", tx + 4, st + 12);

  // Ghost bars and float, under the arrows and bars.
  for (let i = i0; i < i1; i++) {
    const r = rs[i]!;
    const item = r.item;
    if (!item) continue;
    const { bx, bw, by } = s.bar(r, item);
    const ghost = s.ghostOf.get(item.id);
    if (ghost) {
      const gx = s.x(monthIndex(ghost.start));
      const gw = (monthIndex(ghost.end) - monthIndex(ghost.start) + 1) * s.monthWidth;
      c.beginPath();
      c.roundRect(gx, by - 3, gw, BAR_HEIGHT + 6, 5);
      c.fillStyle = "rgba(120, 134, 153, 0.12)";
      c.fill();
      c.setLineDash([4, 3]);
      c.strokeStyle = "#7a8699";
      c.lineWidth = 1.2;
      c.stroke();
      c.setLineDash([]);
    }
    if (item.total_float > 0 && !s.isMoving(item.id)) {
      c.setLineDash([2, 3]);
      c.strokeStyle = "#b9c3cf";
      c.lineWidth = 2;
      c.beginPath();
      c.moveTo(bx + bw, by + BAR_HEIGHT / 2);
      c.lineTo(bx + bw + item.total_float * s.monthWidth, by + BAR_HEIGHT / 2);
      c.stroke();
      c.setLineDash([]);
    }
  }

  // Arrows touching a row in view (to or from a row off screen too).
  const seen = new Set<string>();
  const arrow = (from: TimelineItemDto, to: TimelineItemDto, kind: string) => {
    const key = `${from.id}>${to.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const yFrom = s.rowOf.get(from.id);
    const yTo = s.rowOf.get(to.id);
    if (yFrom === undefined || yTo === undefined) return;
    const fd = s.datesOf(from);
    const td = s.datesOf(to);
    const x1 = kind === "finish_to_start" ? s.x(monthIndex(fd.end) + 1) : s.x(monthIndex(fd.start));
    const x2 = s.x(monthIndex(td.start));
    const p = arrowPoints(x1, yFrom + ROW_HEIGHT / 2, x2, yTo + ROW_HEIGHT / 2);
    const isCritical = s.critical.has(to.id) && s.critical.has(from.id);
    const isViolated = s.violated.has(key);
    const colour = isCritical || isViolated ? t.danger : "#8a96a6";
    c.strokeStyle = colour;
    c.lineWidth = isCritical ? 1.6 : 1.2;
    if (isViolated) c.setLineDash([4, 3]);
    // Only the parts in view: a dashed line is cut into dashes along its whole length.
    for (const [ax, ay, bx2, by2, offset] of clipSegments(p, left - 8, st - 8, right + 8, bottom + 8)) {
      c.lineDashOffset = offset!;
      c.beginPath();
      c.moveTo(ax!, ay!);
      c.lineTo(bx2!, by2!);
      c.stroke();
    }
    c.lineDashOffset = 0;
    c.setLineDash([]);
    const tipX = p[p.length - 2]!;
    const tipY = p[p.length - 1]!;
    if (tipY < st - 8 || tipY > bottom + 8) return;
    c.fillStyle = colour;
    c.beginPath();
    c.moveTo(tipX, tipY);
    c.lineTo(tipX - 7, tipY - 3.5);
    c.lineTo(tipX - 7, tipY + 3.5);
    c.closePath();
    c.fill();
  };
  for (let i = i0; i < i1; i++) {
    const item = rs[i]!.item;
    if (!item) continue;
    for (const d of item.dependencies ?? []) {
      const from = s.byId.get(d.on);
      if (from) arrow(from, item, d.kind);
    }
    for (const to of s.dependentsOf.get(item.id) ?? []) {
      for (const d of to.dependencies ?? []) if (d.on === item.id) arrow(item, to, d.kind);
    }
  }

  // Bars and milestones.
  for (let i = i0; i < i1; i++) {
    const r = rs[i]!;
    const item = r.item;
    if (!item) continue;
    const { bx, bw, by } = s.bar(r, item);
    const moving = s.isMoving(item.id);
    const conf = s.confidence?.get(item.id);
    c.globalAlpha = moving ? 0.75 : 1;
    c.beginPath();
    c.roundRect(bx, by, bw, BAR_HEIGHT, 4);
    c.fillStyle = conf ? criticalityFill(conf.criticality) : (STATUS_FILL[item.status] ?? "#4f7cac");
    c.fill();
    if (moving) {
      c.setLineDash([4, 2]);
      c.strokeStyle = t.navy;
      c.lineWidth = 1;
      c.stroke();
      c.setLineDash([]);
    } else if (s.selected === item.id) {
      c.strokeStyle = t.accent;
      c.lineWidth = 3;
      c.stroke();
    } else if (item.critical && !conf) {
      c.strokeStyle = t.danger;
      c.lineWidth = 2;
      c.stroke();
    }
    c.globalAlpha = 1;
    if (conf && !moving) {
      const w = whisker(monthIndex(s.datesOf(item).end), conf, s.x);
      if (w) drawWhisker(c, w, by + BAR_HEIGHT / 2, t.navy);
    }
    for (const m of item.milestones ?? []) {
      const mx = s.x(monthIndex(m.month)) + s.monthWidth / 2;
      const my = r.y + ROW_HEIGHT / 2;
      const h = 8.5;
      c.beginPath();
      c.moveTo(mx, my - h);
      c.lineTo(mx + h, my);
      c.lineTo(mx, my + h);
      c.lineTo(mx - h, my);
      c.closePath();
      c.fillStyle = MILESTONE_FILL[m.kind] ?? "#5b687a";
      c.fill();
      c.strokeStyle = "#ffffff";
      c.lineWidth = 1.5;
      c.stroke();
    }
    const chip = s.chips?.get(item.id);
    if (chip) drawChip(c, chip, bx, by, t);
  }
  c.restore();

  // The label column.
  c.save();
  c.beginPath();
  c.rect(0, HEADER, LABEL_WIDTH, H - HEADER);
  c.clip();
  c.fillStyle = t.surface;
  c.fillRect(0, HEADER, LABEL_WIDTH, H - HEADER);
  c.translate(0, HEADER - st);
  c.textBaseline = "middle";
  for (let i = i0; i < i1; i++) {
    const r = rs[i]!;
    if (r.kind === "lane") {
      c.fillStyle = "#eef2f6";
      c.fillRect(0, r.y, LABEL_WIDTH, LANE_HEADER);
      const count = String(r.lane.items.length);
      c.font = `500 12.5px ${t.font}`;
      const cw = c.measureText(count).width;
      c.fillStyle = t.faint;
      c.fillText(count, LABEL_WIDTH - 12 - cw, r.y + LANE_HEADER / 2);
      c.font = `650 12.5px ${t.font}`;
      c.fillStyle = t.navy2;
      c.fillText(fit(c, r.lane.name, LABEL_WIDTH - 36 - cw), 12, r.y + LANE_HEADER / 2);
    } else if (r.item) {
      const item = r.item;
      if (s.selected === item.id) {
        c.fillStyle = "#fbf3e2";
        c.fillRect(0, r.y, LABEL_WIDTH, ROW_HEIGHT);
        c.fillStyle = t.accent;
        c.fillRect(0, r.y, 3, ROW_HEIGHT);
      }
      let room = LABEL_WIDTH - 24;
      let tag = 0;
      if (item.critical) {
        c.font = `400 10.9px ${t.font}`;
        tag = c.measureText("CRITICAL").width;
        room -= tag + 6;
      }
      c.font = `400 13.6px ${t.font}`;
      c.fillStyle = t.text;
      const name = fit(c, item.name, room);
      c.fillText(name, 12, r.y + ROW_HEIGHT / 2);
      if (item.critical) {
        const nw = c.measureText(name).width;
        c.font = `400 10.9px ${t.font}`;
        c.fillStyle = t.danger;
        c.fillText("CRITICAL", 12 + nw + 6, r.y + ROW_HEIGHT / 2 + 1);
      }
    }
  }
  c.restore();
  c.strokeStyle = t.border;
  c.lineWidth = 1;
  c.beginPath();
  c.moveTo(LABEL_WIDTH - 0.5, 0);
  c.lineTo(LABEL_WIDTH - 0.5, H);
  c.stroke();

  // The header.
  c.save();
  c.beginPath();
  c.rect(LABEL_WIDTH, 0, W - LABEL_WIDTH, HEADER);
  c.clip();
  c.fillStyle = t.surface;
  c.fillRect(LABEL_WIDTH, 0, W - LABEL_WIDTH, HEADER);
  c.translate(LABEL_WIDTH - sl, 0);
  c.textBaseline = "alphabetic";
  for (const y of s.years) {
    if (y.x + y.w < left || y.x > right) continue;
    c.fillStyle = "#f7f9fb";
    c.fillRect(y.x, 0, y.w, 24);
    c.strokeStyle = t.border;
    c.lineWidth = 1;
    c.strokeRect(y.x + 0.5, 0.5, y.w - 1, 23);
    // The year's label stays in view while any of the year is.
    c.font = `650 12px ${t.font}`;
    c.fillStyle = t.navy2;
    const lx = Math.max(y.x + 8, left + 8);
    if (lx + c.measureText(y.label).width <= y.x + y.w - 4) c.fillText(y.label, lx, 16);
  }
  c.font = `400 11px ${t.font}`;
  c.textAlign = "center";
  c.strokeStyle = t.border;
  for (const p of s.subPeriods) {
    if (p.x + p.w < left || p.x > right) continue;
    c.beginPath();
    c.moveTo(Math.round(p.x) + 0.5, 24);
    c.lineTo(Math.round(p.x) + 0.5, HEADER);
    c.stroke();
    if (p.w >= 24) {
      c.fillStyle = t.muted;
      c.fillText(p.label, p.x + p.w / 2, 40);
    }
  }
  c.textAlign = "start";
  c.strokeStyle = t.accent;
  c.lineWidth = 2;
  c.beginPath();
  c.moveTo(tx, 24);
  c.lineTo(tx, HEADER);
  c.stroke();
  c.restore();
  c.strokeStyle = t.border;
  c.lineWidth = 1;
  c.beginPath();
  c.moveTo(0, HEADER - 0.5);
  c.lineTo(W, HEADER - 0.5);
  c.stroke();

  // The corner.
  c.fillStyle = t.surface;
  c.fillRect(0, 0, LABEL_WIDTH - 1, HEADER - 1);
  c.font = `600 12px ${t.font}`;
  c.fillStyle = t.muted;
  c.textBaseline = "alphabetic";
  c.fillText("INITIATIVE", 12, 32);
}

/** A horizontal stroke from `x0` to `x1` at `y`, `width` wide, dashed when `dash` is given. */
function hStroke(c: CanvasRenderingContext2D, x0: number, x1: number, y: number, width: number, dash: number[] = []) {
  c.lineWidth = width;
  c.setLineDash(dash);
  c.beginPath();
  c.moveTo(x0, y);
  c.lineTo(x1, y);
  c.stroke();
  c.setLineDash([]);
}

/** P50–P80 as a solid whisker with end ticks from the planned finish, P80–P90 as a thin tail. */
function drawWhisker(c: CanvasRenderingContext2D, w: { from: number; p50: number; p80: number; p90: number }, y: number, ink: string) {
  c.strokeStyle = ink;
  hStroke(c, w.from, w.p50, y, 1.2);
  if (w.p80 > w.p50) hStroke(c, w.p50, w.p80, y, 3);
  if (w.p90 > w.p80) hStroke(c, w.p80, w.p90, y, 1, [2, 2]);
  c.lineWidth = 1.5;
  c.beginPath();
  if (w.p50 > w.from) {
    c.moveTo(w.p50, y - 4);
    c.lineTo(w.p50, y + 4);
  }
  c.moveTo(w.p80, y - 6);
  c.lineTo(w.p80, y + 6);
  if (w.p90 > w.p80) {
    c.moveTo(w.p90, y - 3);
    c.lineTo(w.p90, y + 3);
  }
  c.stroke();
}

/** A small round marker on the bar's top-left corner with the number of open linked risks. */
function drawChip(c: CanvasRenderingContext2D, chip: Chip, bx: number, by: number, t: Theme) {
  const r = 6.5;
  const cx = bx + r - 1;
  const cy = by - 1;
  c.beginPath();
  c.arc(cx, cy, r, 0, Math.PI * 2);
  c.fillStyle = chip.above ? t.danger : "#5b687a";
  c.fill();
  c.strokeStyle = "#ffffff";
  c.lineWidth = 1.5;
  c.stroke();
  c.font = `700 9px ${t.font}`;
  c.fillStyle = "#ffffff";
  c.textAlign = "center";
  c.textBaseline = "middle";
  c.fillText(chip.open > 9 ? "9+" : String(chip.open), cx, cy + 0.5);
  c.textAlign = "start";
}
