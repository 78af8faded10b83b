// The appraisal policy on the settings page: the Green Book preset shows its bands, source and
// date, must be confirmed, and Rust's refusal is shown beside the field it names.
import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppraisalPolicyViewDto } from "../../bindings/AppraisalPolicyViewDto";
import type { PlanDto } from "../../bindings/PlanDto";
import type { Session } from "../../lib/session.svelte";

const view: AppraisalPolicyViewDto = {
  policy: {
    basis: "nominal",
    discount: null,
    inflation: null,
    benefits_counted: { cash_releasing: true, non_cash_releasing: true, wider: true },
    capitalisation: { rule: "by_category" },
    headline: "most_likely",
    decision_rule: { measure: "most_likely", min_npv: "0", chance_of_loss: "10", comparison: "below" },
  },
  green_book: {
    bands: [
      { years: "0–30", rate: "3.5 %" },
      { years: "31–75", rate: "3 %" },
    ],
    source: "HM Treasury, The Green Book (2022), Annex A6",
    as_of: "2022-11-18",
  },
  wacc: null,
  standards: [{ standard: "ias_38", label: "IAS 38 (IFRS)", default_capitalised: ["hardware"] }],
  activities: [{ activity: "hardware", label: "Hardware" }],
  problems: [],
};

const invoke = vi.fn(async (command: string, args: Record<string, unknown>) => {
  switch (command) {
    case "appraisal_policy":
      return view;
    case "update_appraisal_policy":
      throw { code: "invalid_input", message: "Rates confirmed: the Green Book schedule is not confirmed", field: "settings.appraisal.discount.confirmed", args };
    case "wacc_rate":
      return "7.8 %";
    default:
      throw new Error(`unexpected command ${command}`);
  }
});
vi.mock("@tauri-apps/api/core", () => ({ invoke: (c: string, a: Record<string, unknown>) => invoke(c, a) }));

const { default: AppraisalPolicy } = await import("./AppraisalPolicy.svelte");

const plan = {
  id: "p", name: "Plan", organisation: "", currency_name: "US Dollar", currency_digits: 2, fiscal_years: [], goals: [], themes: [],
  settings: { currency: "USD", fiscal_start_month: 7, year_naming: "end_year", year_prefix: "FY", first_year: 2027, years: 3 },
  counts: { initiatives: 0, business_cases: 1, sourcing_studies: 0, scenarios: 0 },
} as PlanDto;

async function settle() {
  for (let i = 0; i < 5; i++) {
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  flushSync();
}

let page: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (page) unmount(page);
  page = null;
  document.body.innerHTML = "";
});

describe("AppraisalPolicy", () => {
  it("shows the Green Book's bands and source, and Rust's refusal of an unconfirmed schedule", async () => {
    const session = {
      error: null,
      mutate: async <T,>(change: () => Promise<T>) => {
        try {
          return { ok: true, value: await change() };
        } catch (e) {
          const { toCairnError } = await import("../../lib/api");
          return { ok: false, error: toCairnError(e) };
        }
      },
      open: async () => {},
    };
    const target = document.body.appendChild(document.createElement("div"));
    page = mount(AppraisalPolicy, { target, props: { session: session as unknown as Session, plan } });
    await settle();
    const preset = target.querySelector<HTMLSelectElement>("[data-testid='policy-preset']");
    expect(preset).not.toBeNull();
    preset!.value = "green_book";
    preset!.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    const bands = target.querySelector("[data-testid='policy-green-book-bands']")?.textContent ?? "";
    expect(bands).toContain("0–30");
    expect(bands).toContain("3.5 %");
    expect(target.querySelector<HTMLInputElement>("[data-testid='policy-source']")?.value).toContain("Green Book");
    expect(target.querySelector<HTMLInputElement>("[data-testid='policy-confirmed']")?.checked).toBe(false);

    target.querySelector<HTMLFormElement>("[data-testid='policy-form']")!.requestSubmit();
    await settle();
    const sent = invoke.mock.calls.find(([c]) => c === "update_appraisal_policy")?.[1] as { policy: { discount: { preset: { kind: string } } } };
    expect(sent.policy.discount.preset.kind).toBe("green_book");
    expect(target.querySelector("[data-testid='policy-error']")?.textContent).toContain("not confirmed");
  });
});
