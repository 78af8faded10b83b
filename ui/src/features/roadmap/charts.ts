// ECharts options for the roadmap's budget and capacity. Every figure comes from Rust (exact
// decimal text); these functions only arrange it.
import type { ChartOption } from "../../lib/EChart.svelte";
import type { BudgetDto } from "../../bindings/BudgetDto";
import type { CapacityDto } from "../../bindings/CapacityDto";
import { compactMoney, money } from "../../lib/money";

// One restrained colour per theme, in swimlane order.
export const THEME_COLOURS = ["#1f3556", "#4f7cac", "#2f7a6f", "#8fb3a8", "#d9a443", "#9a6a14", "#7d8aa0", "#b9c3cf"];
const AXIS_LABEL = { color: "#5b687a", fontSize: 11 };

/** Stacked bars of spend by theme per fiscal year, with the portfolio ceiling as a line. */
export function budgetOption(b: BudgetDto, currency: string): ChartOption {
  const labels = b.rows.map((r) => r.label);
  const series: object[] = b.lanes.map((lane, i) => ({
    name: lane.name,
    type: "bar",
    stack: "spend",
    barMaxWidth: 56,
    itemStyle: { color: THEME_COLOURS[i % THEME_COLOURS.length] },
    data: b.rows.map((r) => Number(r.themes[i]?.total ?? 0)),
  }));
  if (b.rows.some((r) => r.all.ceiling !== undefined)) {
    series.push({
      name: "Ceiling",
      type: "line",
      step: "middle",
      symbol: "none",
      lineStyle: { color: "#b42318", width: 2, type: "dashed" },
      itemStyle: { color: "#b42318" },
      data: b.rows.map((r) => (r.all.ceiling === undefined ? null : Number(r.all.ceiling))),
    });
  }
  return {
    animation: false,
    grid: { left: 72, right: 16, top: 64, bottom: 32 },
    legend: { top: 0, left: 0, textStyle: { color: "#5b687a", fontSize: 11 }, itemWidth: 12, itemHeight: 10 },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => money(Number(v), currency, 0) },
    xAxis: { type: "category", data: labels, axisLabel: AXIS_LABEL },
    yAxis: { type: "value", axisLabel: { ...AXIS_LABEL, formatter: (v: number) => compactMoney(v, currency) } },
    series,
  };
}

/** FTE demand per quarter (bars, red where over) against capacity (line). */
export function capacityOption(c: CapacityDto[]): ChartOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 48, bottom: 48 },
    legend: { top: 0, right: 0, textStyle: { color: "#5b687a", fontSize: 11 } },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: c.map((q) => q.label), axisLabel: { ...AXIS_LABEL, rotate: 45, fontSize: 10 } },
    yAxis: { type: "value", name: "FTE", nameTextStyle: AXIS_LABEL, axisLabel: AXIS_LABEL },
    series: [
      {
        name: "Demand",
        type: "bar",
        barMaxWidth: 18,
        data: c.map((q) => ({ value: Number(q.demand), itemStyle: { color: q.over_by ? "#b42318" : "#4f7cac" } })),
      },
      {
        name: "Capacity",
        type: "line",
        step: "middle",
        symbol: "none",
        lineStyle: { color: "#1b2635", width: 2 },
        itemStyle: { color: "#1b2635" },
        data: c.map((q) => (q.capacity === undefined ? null : Number(q.capacity))),
      },
    ],
  };
}
