// The roadmap's Confidence view and risk chips, as pure functions: the schedule risk result
// indexed once per run (never per frame), the whisker drawn beyond a bar's planned finish, the
// shading of bars by criticality index, and the S-curve chart. Every figure comes from Rust
// (cairn_risk through cairn_api::schedule_risk); these only arrange it.
import type { ChartOption } from "../../lib/EChart.svelte";
import type { RiskChipDto } from "../../bindings/RiskChipDto";
import type { ScheduleRiskDto } from "../../bindings/ScheduleRiskDto";
import { monthIndex, monthLabel, monthText } from "./timeline";

/** One initiative's simulated finish, as month indices, and its criticality index (0 to 1). */
export interface ConfidenceMark {
  planned: number;
  p50: number;
  p80: number;
  p90: number;
  criticality: number;
}

/** The result indexed by initiative id: built once when a run answers. */
export function confidenceIndex(r: ScheduleRiskDto): Map<string, ConfidenceMark> {
  const out = new Map<string, ConfidenceMark>();
  for (const x of r.initiatives) {
    out.set(x.id, {
      planned: monthIndex(x.planned_finish),
      p50: monthIndex(x.finish.p50),
      p80: monthIndex(x.finish.p80),
      p90: monthIndex(x.finish.p90),
      criticality: x.criticality,
    });
  }
  return out;
}

/** A bar's chip: how many linked risks are open, and whether one is above appetite. */
export interface Chip {
  open: number;
  above: boolean;
}

export function chipIndex(chips: RiskChipDto[]): Map<string, Chip> {
  return new Map(chips.map((c) => [c.initiative, { open: c.open, above: c.above_appetite > 0 }]));
}

/**
 * Where the whisker goes, in the body's x: from the bar's drawn end (the end of its last month)
 * to the end of the P80 month, with a tick at the end of the P50 month and a thin tail to the
 * end of the P90 month. A percentile at or before the bar's end sits on the end (a finish never
 * shows earlier than drawn); `null` when even P90 is no later than the bar's end.
 */
export function whisker(
  barEnd: number,
  m: ConfidenceMark,
  x: (month: number) => number,
): { from: number; p50: number; p80: number; p90: number } | null {
  const from = x(barEnd + 1);
  const at = (month: number) => Math.max(from, x(month + 1));
  const p90 = at(m.p90);
  if (p90 <= from) return null;
  return { from, p50: at(m.p50), p80: at(m.p80), p90 };
}

/** The criticality bands a bar is shaded by, lowest first: from (inclusive), label, fill. */
export const CRITICALITY_BANDS: { from: number; label: string; fill: string }[] = [
  { from: 0, label: "under 20 %", fill: "#c5d3e4" },
  { from: 0.2, label: "20–50 %", fill: "#8fa9c9" },
  { from: 0.5, label: "50–80 %", fill: "#d9895b" },
  { from: 0.8, label: "80 % or more", fill: "#b42318" },
];

/** The band of a criticality index (the share of runs in which the initiative was critical). */
export function criticalityBand(c: number): number {
  let band = 0;
  for (let i = 0; i < CRITICALITY_BANDS.length; i++) if (c >= CRITICALITY_BANDS[i]!.from) band = i;
  return band;
}

export function criticalityFill(c: number): string {
  return CRITICALITY_BANDS[criticalityBand(c)]!.fill;
}

/** "62 %" of a share. */
export function share(p: number): string {
  return `${Math.round(p * 100)} %`;
}

/** The latest P90 finish, so the timeline's width takes in every whisker. */
export function latestFinish(r: ScheduleRiskDto): number | null {
  let hi: number | null = null;
  for (const x of r.initiatives) {
    const m = monthIndex(x.finish.p90);
    if (hi === null || m > hi) hi = m;
  }
  return hi;
}

/**
 * The roadmap's finish S-curve: for each month from the earlier of the planned finish and the
 * first run's finish to the last run's, the share of runs finished by its end; the planned
 * finish, P50 and P80 marked.
 */
export function sCurvePoints(r: ScheduleRiskDto): { months: string[]; shares: number[] } {
  const points = new Map(r.s_curve.map((p) => [monthIndex(p.month), p.probability]));
  const first = r.s_curve[0];
  const last = r.s_curve[r.s_curve.length - 1];
  if (!first || !last) return { months: [], shares: [] };
  let lo = monthIndex(first.month);
  const hi = monthIndex(last.month);
  if (r.planned_finish) lo = Math.min(lo, monthIndex(r.planned_finish));
  const months: string[] = [];
  const shares: number[] = [];
  let p = 0;
  for (let m = lo; m <= hi; m++) {
    p = points.get(m) ?? p;
    months.push(monthText(m));
    shares.push(p);
  }
  return { months, shares };
}

export function finishCurveOption(r: ScheduleRiskDto): ChartOption {
  const { months, shares } = sCurvePoints(r);
  const mark = (month: string | null | undefined, label: string, colour: string, dashed: boolean) =>
    month && months.includes(month)
      ? { xAxis: month, label: { formatter: `${label}\n${monthLabel(month)}`, color: colour, fontSize: 11 }, lineStyle: { color: colour, type: dashed ? "dashed" : "solid", width: 1.5 } }
      : null;
  const marks = [
    mark(r.planned_finish, "Planned", "#2f7a6f", false),
    mark(r.finish?.p50, "P50", "#1f3556", true),
    mark(r.finish?.p80, "P80", "#b42318", true),
  ].filter((m) => m !== null);
  return {
    animation: false,
    grid: { left: 56, right: 28, top: 40, bottom: 40 },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${Number(v).toFixed(1)} %` },
    xAxis: {
      type: "category",
      data: months,
      boundaryGap: false,
      axisLabel: { color: "#5b687a", fontSize: 11, formatter: (m: string) => monthLabel(m) },
      name: "Roadmap finished by the end of",
      nameLocation: "middle",
      nameGap: 26,
    },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { color: "#5b687a", fontSize: 11, formatter: "{value} %" } },
    series: [
      {
        name: "Share of runs finished",
        type: "line",
        step: "end",
        symbol: "none",
        data: shares.map((s) => Math.round(s * 1000) / 10),
        itemStyle: { color: "#1f3556" },
        lineStyle: { width: 2.5 },
        areaStyle: { color: "rgba(31, 53, 86, 0.08)" },
        markLine: { symbol: "none", silent: true, data: marks },
      },
    ],
  };
}
