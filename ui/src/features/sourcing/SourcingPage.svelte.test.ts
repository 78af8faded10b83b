// The Sourcing page after a quick switch of scenario: the answers for the scenario left behind
// arrive last, and must not replace the study and results of the one now shown (issue 15 item 7).
import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PlanDto } from "../../bindings/PlanDto";
import type { StudyDto } from "../../bindings/StudyDto";
import type { StudyResultDto } from "../../bindings/StudyResultDto";
import type { Session } from "../../lib/session.svelte";

/** Answers held back until the test lets them through, by command and scenario. */
const gates = new Map<string, Promise<void>>();
const invoke = vi.fn(async (command: string, args: { scenario?: string | null }) => {
  const scenario = args.scenario ?? "plan";
  await gates.get(`${command} ${scenario}`);
  switch (command) {
    case "list_studies":
      return [{ id: "desk", name: "Service desk", service: "", options: 0, criteria: 0 }];
    case "get_study":
      return study(`Service desk in ${scenario}`);
    case "evaluate_study":
      return result(`winner-in-${scenario}`);
    case "preview_judgements":
      return { weights: [], lambda_max: 0, ci: 0, cr: 0, consistent: true };
    default:
      throw new Error(`unexpected command ${command}`);
  }
});
vi.mock("@tauri-apps/api/core", () => ({ invoke: (c: string, a: { scenario?: string | null }) => invoke(c, a) }));
vi.mock("@tauri-apps/api/event", () => ({ listen: async () => () => {} }));
// Charts draw into SVG after the first frame; not what this test looks at.
vi.mock("../../lib/EChart.svelte", () => ({ default: () => {} }));

const { default: SourcingPage } = await import("./SourcingPage.svelte");

function study(name: string): StudyDto {
  return {
    id: "desk",
    header: { name, service: "", description: "", discount_rate: "7" },
    weighting: "direct",
    criteria: [],
    judgements: [],
    options: [],
    recommendation: "",
    currency: "USD",
    years: ["FY2027"],
    kinds: [],
  };
}

function result(winner: string): StudyResultDto {
  return {
    years: ["FY2027"], criteria: [], weights: [], options: [], rankings: [], agree_on_winner: true, agree_on_ranking: true,
    winner, draft_recommendation: "", convention: "",
  };
}

const plan = {
  id: "p", name: "Plan", organisation: "", currency_name: "US Dollar", currency_digits: 2, fiscal_years: [], goals: [], themes: [],
  settings: { currency: "USD", fiscal_start_month: 7, year_naming: "end_year", year_prefix: "FY", first_year: 2027, years: 1 },
  counts: { initiatives: 0, business_cases: 0, sourcing_studies: 1, scenarios: 2 },
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

describe("SourcingPage", () => {
  it("shows the scenario switched to, not the one whose answers come last", async () => {
    const session = $state({ scenario: null as string | null, error: null, notice: null, history: { undo: null, redo: null } });
    const target = document.body.appendChild(document.createElement("div"));
    page = mount(SourcingPage, { target, props: { session: session as unknown as Session, plan } });
    await settle();
    expect(text(target, "study-title")).toBe("Service desk in plan");
    expect(text(target, "winner")).toBe("winner-in-plan");

    // Switch to a scenario whose study and results are slow to come, then at once to another.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    gates.set("get_study slow", held);
    gates.set("evaluate_study slow", held);
    session.scenario = "slow";
    await settle();
    session.scenario = "fast";
    await settle();
    expect(text(target, "study-title")).toBe("Service desk in fast");
    expect(text(target, "winner")).toBe("winner-in-fast");

    // The slow scenario's answers arrive now: they are dropped.
    release();
    await settle();
    expect(text(target, "study-title")).toBe("Service desk in fast");
    expect(text(target, "winner")).toBe("winner-in-fast");
  });
});
