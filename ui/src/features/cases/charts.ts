// ECharts options for the business-case page. Every number comes from Rust; these functions
// only arrange it.
import type { ChartOption } from "../../lib/EChart.svelte";
import type { CaseResultDto } from "../../bindings/CaseResultDto";
import type { SimulationDto } from "../../bindings/SimulationDto";
import type { SensitivityDto } from "../../bindings/SensitivityDto";
import { compactMoney, money } from "../../lib/money";

const NAVY = "#1f3556";
const TEAL = "#2f7a6f";
const RED = "#b4533a";
const GOLD = "#d9a443";
const GRID = { left: 72, right: 24, top: 36, bottom: 36 };
const AXIS_LABEL = { color: "#5b687a", fontSize: 11 };

export function costsBenefitsOption(r: CaseResultDto, currency: string): ChartOption {
  const labels = r.columns.map((c) => c.label);
  const net = r.chart_benefits.map((b, i) => b - (r.chart_costs[i] ?? 0));
  return {
    animation: false,
    grid: GRID,
    legend: { top: 0, left: 0, textStyle: { color: "#5b687a" } },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => money(Number(v), currency, 0) },
    xAxis: { type: "category", data: labels, axisLabel: AXIS_LABEL },
    yAxis: { type: "value", axisLabel: { ...AXIS_LABEL, formatter: (v: number) => compactMoney(v, currency) } },
    series: [
      { name: "Costs", type: "bar", data: r.chart_costs.map((c) => -c), itemStyle: { color: RED }, barGap: "-100%" },
      { name: "Benefits", type: "bar", data: r.chart_benefits, itemStyle: { color: TEAL } },
      { name: "Net", type: "line", data: net, itemStyle: { color: NAVY }, lineStyle: { width: 2 }, symbolSize: 6 },
    ],
  };
}

/** Cumulative cash on a time axis (t = 0 is Year 0), with the payback point marked. */
export function cumulativeOption(r: CaseResultDto, currency: string): ChartOption {
  const upfront = r.columns[0]?.key === "upfront";
  const t = (i: number) => (upfront ? i : i + 1);
  const label = (x: number) => {
    const i = upfront ? x : x - 1;
    return Number.isInteger(x) ? (r.columns[i]?.label ?? "") : "";
  };
  const payback = r.metrics.find((m) => m.key === "payback")?.value;
  const points = (values: number[]) => {
    const out: [number, number][] = upfront ? [] : [[0, 0]];
    values.forEach((v, i) => out.push([t(i), v]));
    return out;
  };
  return {
    animation: false,
    grid: GRID,
    legend: { top: 0, left: 0, textStyle: { color: "#5b687a" } },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => money(Number(v), currency, 0) },
    xAxis: { type: "value", min: 0, max: r.columns.length - (upfront ? 1 : 0), interval: 1, axisLabel: { ...AXIS_LABEL, formatter: label } },
    yAxis: { type: "value", axisLabel: { ...AXIS_LABEL, formatter: (v: number) => compactMoney(v, currency) } },
    series: [
      {
        name: "Cumulative cash",
        type: "line",
        data: points(r.chart_cumulative),
        itemStyle: { color: NAVY },
        lineStyle: { width: 2.5 },
        markLine:
          payback == null
            ? undefined
            : {
                symbol: "none",
                label: { formatter: `Payback ${payback.toFixed(2)} years`, color: "#9a6a14" },
                lineStyle: { color: GOLD, type: "dashed" },
                data: [{ xAxis: payback }],
              },
      },
      {
        name: "Cumulative discounted",
        type: "line",
        data: points(r.chart_cumulative_discounted),
        itemStyle: { color: TEAL },
        lineStyle: { type: "dashed" },
      },
    ],
  };
}

export function tornadoOption(s: SensitivityDto, currency: string): ChartOption {
  const bars = [...s.bars].reverse();
  return {
    animation: false,
    grid: { left: 220, right: 40, top: 30, bottom: 30 },
    legend: { top: 0, left: 220, textStyle: { color: "#5b687a" } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (items: { dataIndex: number }[]) => {
        const b = bars[items[0]?.dataIndex ?? 0];
        if (!b) return "";
        return `${b.driver}<br/>${b.low_label}: ${money(b.npv_low, currency, 0)}<br/>${b.high_label}: ${money(b.npv_high, currency, 0)}`;
      },
    },
    xAxis: {
      type: "value",
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => compactMoney(v + s.base_npv, currency) },
    },
    yAxis: { type: "category", data: bars.map((b) => b.driver), axisLabel: { ...AXIS_LABEL, width: 200, overflow: "truncate" } },
    series: [
      { name: "Low setting", type: "bar", stack: "swing", data: bars.map((b) => b.npv_low - s.base_npv), itemStyle: { color: RED } },
      {
        name: "High setting",
        type: "bar",
        stack: "swing",
        data: bars.map((b) => b.npv_high - s.base_npv),
        itemStyle: { color: TEAL },
        markLine: { symbol: "none", data: [{ xAxis: 0 }], lineStyle: { color: NAVY }, label: { formatter: "Base NPV" } },
      },
    ],
  };
}

export function histogramOption(sim: SimulationDto, currency: string): ChartOption {
  const mids = sim.histogram_counts.map((_, i) => ((sim.histogram_edges[i] ?? 0) + (sim.histogram_edges[i + 1] ?? 0)) / 2);
  return {
    animation: false,
    grid: GRID,
    tooltip: { trigger: "axis", formatter: (items: { dataIndex: number; value: number }[]) => {
      const it = items[0];
      if (!it) return "";
      return `${money(mids[it.dataIndex] ?? 0, currency, 0)}: ${it.value} runs`;
    } },
    xAxis: { type: "category", data: mids.map((m) => compactMoney(m, currency)), axisLabel: AXIS_LABEL },
    yAxis: { type: "value", name: "Runs", axisLabel: AXIS_LABEL },
    series: [
      {
        type: "bar",
        barCategoryGap: "4%",
        data: sim.histogram_counts.map((c, i) => ({ value: c, itemStyle: { color: (mids[i] ?? 0) < 0 ? RED : NAVY } })),
      },
    ],
  };
}

/**
 * The S-curve's points: each NPV the runs reached (PERCENTILE.INC at 0…100 %) against the share
 * of runs at or below it, in percent.
 */
export function sCurvePoints(sim: SimulationDto): [number, number][] {
  const n = sim.s_curve.length - 1;
  return n > 0 ? sim.s_curve.map((v, p) => [v, (100 * p) / n]) : [];
}

/** The S-curve's marks: the base case (the page's NPV), P50 and P80 by nearest rank. */
export function sCurveMarks(sim: SimulationDto, base: number | null): { name: string; value: number; colour: string }[] {
  const at = (p: number) => sim.confidence.find(([q]) => q === p)?.[1];
  const out: { name: string; value: number; colour: string }[] = [];
  const b = base ?? sim.base_npv;
  if (Number.isFinite(b)) out.push({ name: "Base case", value: b, colour: TEAL });
  const p50 = at(50);
  if (p50 !== undefined) out.push({ name: "P50", value: p50, colour: NAVY });
  const p80 = at(80);
  if (p80 !== undefined) out.push({ name: "P80", value: p80, colour: GOLD });
  return out;
}

/** Cumulative share of runs at or below each NPV, with the base case, P50 and P80 marked. */
export function sCurveOption(sim: SimulationDto, currency: string, base: number | null = null): ChartOption {
  const marks = sCurveMarks(sim, base);
  return {
    animation: false,
    grid: { ...GRID, top: 44, bottom: 44 },
    tooltip: {
      trigger: "axis",
      formatter: (items: { value: [number, number] }[]) => {
        const v = items[0]?.value;
        return v ? `${v[1].toFixed(0)} % of runs at or below ${money(v[0], currency, 0)}` : "";
      },
    },
    xAxis: {
      type: "value",
      scale: true,
      name: "NPV",
      nameLocation: "middle",
      nameGap: 26,
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => compactMoney(v, currency) },
    },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { ...AXIS_LABEL, formatter: "{value} %" } },
    series: [
      {
        name: "Share of runs at or below",
        type: "line",
        showSymbol: false,
        data: sCurvePoints(sim),
        itemStyle: { color: NAVY },
        lineStyle: { width: 2.5 },
        markLine: {
          symbol: "none",
          silent: true,
          data: [
            { xAxis: 0, lineStyle: { color: RED, type: "dotted" }, label: { formatter: "NPV = 0", color: RED, position: "insideStartTop" } },
            ...marks.map((m, i) => ({
              xAxis: m.value,
              lineStyle: { color: m.colour, type: m.name === "Base case" ? "solid" : "dashed", width: 1.5 },
              label: { formatter: `${m.name}\n${compactMoney(m.value, currency)}`, color: m.colour, position: "end", distance: [0, 4 + 22 * (i % 2)] },
            })),
          ],
        },
      },
    ],
  };
}
