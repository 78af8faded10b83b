// ECharts options for the sourcing page. Every number comes from Rust; these functions only
// arrange it.
import type { ChartOption } from "../../lib/EChart.svelte";
import type { StudyResultDto } from "../../bindings/StudyResultDto";
import { compactMoney, money } from "../../lib/money";

const PALETTE = ["#1f3556", "#2f7a6f", "#d9a443", "#b4533a", "#6b5b95", "#4a90a4", "#8c6d46", "#5b687a"];
const AXIS_LABEL = { color: "#5b687a", fontSize: 11 };

export function color(i: number): string {
  return PALETTE[i % PALETTE.length] ?? "#1f3556";
}

/** One bar group per method: each option's score on that method's scale as a share of the best. */
export function rankingOption(r: StudyResultDto): ChartOption {
  const methods = r.rankings.map((m) => m.label);
  return {
    animation: false,
    grid: { left: 130, right: 24, top: 36, bottom: 28 },
    legend: { top: 0, left: 0, textStyle: { color: "#5b687a" } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => `${Number(v).toFixed(1)} % of the best`,
    },
    xAxis: { type: "value", max: 100, axisLabel: { ...AXIS_LABEL, formatter: "{value} %" } },
    yAxis: { type: "category", data: methods, inverse: true, axisLabel: AXIS_LABEL },
    series: r.options.map((o, i) => ({
      name: o.name,
      type: "bar",
      itemStyle: { color: color(i) },
      label: {
        show: true,
        position: "right",
        fontSize: 10,
        color: "#5b687a",
        formatter: (p: { dataIndex: number }) => `#${r.rankings[p.dataIndex]?.ranks[i] ?? ""}`,
      },
      data: r.rankings.map((m) => {
        const best = Math.max(...m.scores);
        return best > 0 ? Math.round(((m.scores[i] ?? 0) / best) * 1000) / 10 : 0;
      }),
    })),
  };
}

/** Each option's profile: 1 = the best option on a criterion (cost and risk: the lowest). */
export function radarOption(r: StudyResultDto): ChartOption {
  return {
    animation: false,
    legend: { top: 0, left: 0, textStyle: { color: "#5b687a" } },
    tooltip: { trigger: "item" },
    radar: {
      center: ["50%", "56%"],
      radius: "66%",
      indicator: r.criteria.map((name) => ({ name, max: 1 })),
      axisName: { color: "#5b687a", fontSize: 10 },
    },
    series: [
      {
        type: "radar",
        symbolSize: 4,
        data: r.options.map((o, i) => ({
          name: o.name,
          value: o.profile.map((v) => Math.round(v * 100) / 100),
          itemStyle: { color: color(i) },
          lineStyle: { color: color(i), width: 2 },
          areaStyle: { color: color(i), opacity: 0.06 },
        })),
      },
    ],
  };
}

/** Nominal cost per fiscal year, one bar series per option, with each option's PV in the legend. */
export function tcoOption(r: StudyResultDto, currency: string): ChartOption {
  return {
    animation: false,
    grid: { left: 72, right: 24, top: 36, bottom: 36 },
    legend: { top: 0, left: 0, textStyle: { color: "#5b687a" } },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => money(Number(v), currency, 0) },
    xAxis: { type: "category", data: r.years, axisLabel: AXIS_LABEL },
    yAxis: { type: "value", axisLabel: { ...AXIS_LABEL, formatter: (v: number) => compactMoney(v, currency) } },
    series: r.options.map((o, i) => ({
      name: o.name,
      type: "bar",
      itemStyle: { color: color(i) },
      data: o.costs_by_year,
    })),
  };
}

/** Probability of ranking first under random weightings, per option and method. */
export function pFirstOption(r: StudyResultDto): ChartOption {
  const rb = r.robustness;
  const names = r.options.map((o) => o.name);
  return {
    animation: false,
    grid: { left: 130, right: 40, top: 36, bottom: 28 },
    legend: { top: 0, left: 0, textStyle: { color: "#5b687a" } },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => `${Number(v).toFixed(1)} %` },
    xAxis: { type: "value", max: 100, axisLabel: { ...AXIS_LABEL, formatter: "{value} %" } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: AXIS_LABEL },
    series: [
      { name: "Weighted sum", type: "bar", itemStyle: { color: "#1f3556" }, data: (rb?.p_first_weighted_sum ?? []).map((p) => Math.round(p * 1000) / 10) },
      { name: "TOPSIS", type: "bar", itemStyle: { color: "#2f7a6f" }, data: (rb?.p_first_topsis ?? []).map((p) => Math.round(p * 1000) / 10) },
    ],
  };
}
