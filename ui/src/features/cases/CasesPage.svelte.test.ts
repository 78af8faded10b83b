// The Business cases page after a quick switch of scenario: the answers for the scenario left
// behind arrive last, and must not replace the figures of the one now shown (issue 15 item 7).
import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CaseDto } from "../../bindings/CaseDto";
import type { CaseResultDto } from "../../bindings/CaseResultDto";
import type { PlanDto } from "../../bindings/PlanDto";
import type { Session } from "../../lib/session.svelte";

/** Answers held back until the test lets them through, by command and scenario. */
const gates = new Map<string, Promise<void>>();
const invoke = vi.fn(async (command: string, args: { scenario?: string | null }) => {
  const scenario = args.scenario ?? "plan";
  await gates.get(`${command} ${scenario}`);
  const npv = scenario === "plan" ? 1000 : scenario === "slow" ? 2000 : 3000;
  switch (command) {
    case "case_categories":
    case "benefit_classes":
      return [];
    case "case_form_choices":
      return { project_types: [], factors: [], roles: [], activities: [], milestones: [] };
    case "list_cases":
      return [{ id: "erp", name: "ERP", description: "", sponsor: "", years_label: "FY2027", tco: "0", lines: 0 }];
    case "get_case":
      return kase(`ERP in ${scenario}`);
    case "evaluate_case":
      return figures(npv);
    case "case_decision":
      return {
        figures: [{ key: "most_likely", label: "Most likely NPV", meaning: "the lines as entered", value: npv, headline: true }],
        headline_label: "Most likely NPV", runs: 10000, seed: 1, risks: [], rule: "", recommendation: `Proceed with “ERP” (NPV ${npv}).`,
      };
    default:
      throw new Error(`unexpected command ${command}`);
  }
});
vi.mock("@tauri-apps/api/core", () => ({ invoke: (c: string, a: { scenario?: string | null }) => invoke(c, a) }));
vi.mock("@tauri-apps/api/event", () => ({ listen: async () => () => {} }));
// Charts draw into SVG after the first frame; not what this test looks at.
vi.mock("../../lib/EChart.svelte", () => ({ default: () => {} }));

const { default: CasesPage } = await import("./CasesPage.svelte");

function kase(name: string): CaseDto {
  return {
    id: "erp",
    settings: {
      name, description: "", sponsor: "", first_year: 2027, years: 1, upfront: false, discount_rate: "7", rate_reason: "", escalation: "0",
      tax_rate: "", depreciation_method: "straight_line", life_years: 5, benefit_realisation: "100", initiatives: [],
      appraisal: { mandatory: "", residual: { kind: "none" }, sunk_costs: [], optimism: null, options: [] },
    },
    columns: [{ key: "2027", label: "FY2027" }],
    lines: [],
    line_values: [],
    initiatives: [],
  };
}

function figures(npv: number): CaseResultDto {
  return {
    columns: [{ key: "2027", label: "FY2027" }],
    metrics: [{ key: "npv", label: "NPV", unit: "money", value: npv }],
    irrs: [], cash: [], pnl: [], chart_costs: [], chart_benefits: [], chart_cumulative: [], chart_cumulative_discounted: [],
    convention: "",
    rate: "Discounted at 6 % a year, nominal terms.",
    short_list: { stated: false, options: [], ranking: "", basis: "nominal" },
  };
}

const plan = {
  id: "p", name: "Plan", organisation: "", currency_name: "US Dollar", currency_digits: 2, fiscal_years: [], goals: [], themes: [],
  settings: { currency: "USD", fiscal_start_month: 7, year_naming: "end_year", year_prefix: "FY", first_year: 2027, years: 1 },
  counts: { initiatives: 0, business_cases: 1, sourcing_studies: 0, scenarios: 2 },
} as PlanDto;

/** Lets every answer that can arrive do so, and the page redraw. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  flushSync();
}

const text = (target: HTMLElement, id: string) => target.querySelector(`[data-testid='${id}']`)?.textContent ?? "";

let page: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (page) unmount(page);
  page = null;
  gates.clear();
  document.body.innerHTML = "";
});

describe("CasesPage", () => {
  it("shows the scenario switched to, not the one whose answers come last", async () => {
    const session = $state({ scenario: null as string | null, error: null, notice: null, history: { undo: null, redo: null } });
    const target = document.body.appendChild(document.createElement("div"));
    page = mount(CasesPage, { target, props: { session: session as unknown as Session, plan } });
    await settle();
    expect(text(target, "case-title")).toBe("ERP in plan");
    expect(text(target, "metric-npv")).toContain("$1,000.00");

    // Switch to a scenario whose case and figures are slow to come, then at once to another.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    gates.set("get_case slow", held);
    gates.set("evaluate_case slow", held);
    session.scenario = "slow";
    await settle();
    session.scenario = "fast";
    await settle();
    expect(text(target, "case-title")).toBe("ERP in fast");
    expect(text(target, "metric-npv")).toContain("$3,000.00");
    expect(text(target, "case-recommendation")).toContain("NPV 3000");

    // The slow scenario's answers arrive now: they are dropped.
    release();
    await settle();
    expect(text(target, "case-title")).toBe("ERP in fast");
    expect(text(target, "metric-npv")).toContain("$3,000.00");
  });
});
