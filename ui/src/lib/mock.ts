// A stand-in for the Rust side, for looking at the UI in a plain browser (vite dev or preview),
// where there is no Tauri. `api.ts` loads it lazily only when `window.__TAURI_INTERNALS__` is
// absent, so inside the app it is never fetched, let alone run. It keeps plans in memory,
// answers the same commands with the same shapes, and rejects with `ApiError` objects as Rust
// does. It is deliberately small: it validates only what the forms need to show an inline error.
import type { ApiError } from "../bindings/ApiError";
import type { CurrencyDto } from "../bindings/CurrencyDto";
import type { FiscalYearDto } from "../bindings/FiscalYearDto";
import type { NewPlanDto } from "../bindings/NewPlanDto";
import type { PlanDto } from "../bindings/PlanDto";
import type { SettingsDto } from "../bindings/SettingsDto";

const CURRENCIES: CurrencyDto[] = [
  { code: "AUD", name: "Australian Dollar" },
  { code: "CAD", name: "Canadian Dollar" },
  { code: "CHF", name: "Swiss Franc" },
  { code: "EUR", name: "Euro" },
  { code: "GBP", name: "Pound Sterling" },
  { code: "NZD", name: "New Zealand Dollar" },
  { code: "USD", name: "US Dollar" },
];

function fail(code: ApiError["code"], message: string, field?: string): never {
  const error: ApiError = field === undefined ? { code, message } : { code, message, field };
  throw error;
}

function fiscalYears(s: SettingsDto): FiscalYearDto[] {
  const mm = (m: number) => String(m).padStart(2, "0");
  const endMonth = ((s.fiscal_start_month + 10) % 12) + 1;
  return Array.from({ length: s.years }, (_, i) => {
    const fy = s.first_year + i;
    const start = s.fiscal_start_month === 1 || s.year_naming === "start_year" ? fy : fy - 1;
    const end = s.fiscal_start_month === 1 ? start : start + 1;
    return {
      label: `${s.year_prefix}${fy}`,
      first_month: `${start}-${mm(s.fiscal_start_month)}`,
      last_month: `${end}-${mm(endMonth)}`,
    };
  });
}

function validate(name: string, s: SettingsDto): void {
  if (!name.trim()) fail("invalid_input", "Plan name: must not be empty", "name");
  if (!CURRENCIES.some((c) => c.code === s.currency)) {
    fail("invalid_input", `"${s.currency}" is not an ISO 4217 currency code (e.g. USD, EUR, GBP)`, "settings.currency");
  }
  if (s.year_prefix.length > 8) fail("invalid_input", "Year prefix: must be at most 8 characters", "settings.fiscal_calendar.prefix");
  if (!Number.isInteger(s.years) || s.years < 1 || s.years > 30) {
    fail("invalid_input", "Number of years: must be between 1 and 30", "settings.horizon.years");
  }
  if (!Number.isInteger(s.first_year) || s.first_year < 1901 || s.first_year > 2199) {
    fail("invalid_input", "First fiscal year: must be between 1901 and 2199", "settings.horizon.first_year");
  }
}

function build(id: string, dto: NewPlanDto, extra: Partial<PlanDto> = {}): PlanDto {
  return {
    id,
    name: dto.name.trim(),
    organisation: dto.organisation.trim(),
    settings: { ...dto.settings },
    currency_name: CURRENCIES.find((c) => c.code === dto.settings.currency)?.name ?? dto.settings.currency,
    currency_digits: 2,
    fiscal_years: fiscalYears(dto.settings),
    goals: [],
    themes: [],
    counts: { initiatives: 0, business_cases: 0, sourcing_studies: 0, scenarios: 0 },
    ...extra,
  };
}

function demo(): PlanDto {
  const settings: SettingsDto = {
    currency: "USD",
    fiscal_start_month: 7,
    year_naming: "end_year",
    year_prefix: "FY",
    first_year: 2027,
    years: 5,
  };
  return build("riverton-it-strategy", { name: "IT Strategy FY2027–FY2031", organisation: "City of Riverton", settings }, {
    goals: [
      { id: "goal-resilient", name: "Resilient services", description: "Critical city services stay available through outages, cyber attacks and disasters, with tested recovery within agreed times." },
      { id: "goal-digital", name: "Digital-first citizen services", description: "Residents and businesses can complete the city's most used transactions online, on any device, in one visit." },
      { id: "goal-efficiency", name: "Cost efficiency", description: "Run costs fall as a share of the IT budget, freeing funds for change; every major spend has a business case." },
      { id: "goal-data", name: "Data-driven decisions", description: "Council and departments decide with trusted, timely data shared across the organisation." },
    ],
    themes: [
      { id: "theme-cloud", name: "Cloud and infrastructure modernisation", description: "Exit the ageing data centre, move workloads to cloud and modern hosting, renew networks." },
      { id: "theme-cyber", name: "Cybersecurity and resilience", description: "Zero-trust access, security operations, backup and disaster recovery." },
      { id: "theme-citizen", name: "Digital citizen services", description: "The resident portal, online payments and permits, 311 and case management." },
      { id: "theme-data", name: "Data and analytics", description: "A city data platform, open data and performance dashboards." },
      { id: "theme-erp", name: "ERP and back office", description: "Replace the 20-year-old finance, payroll and procurement systems." },
      { id: "theme-workforce", name: "Workforce and culture", description: "Digital skills, product teams and modern ways of working for IT and the business." },
    ],
  });
}

interface Step {
  description: string;
  plan_id: string;
  before: PlanDto | null;
  after: PlanDto | null;
}

/** The in-memory back end: plans by id, and the undo/redo stacks of whole-plan snapshots. */
class MockBackend {
  private plans = new Map<string, PlanDto>([["riverton-it-strategy", demo()]]);
  private done: Step[] = [];
  private undone: Step[] = [];

  private get(id: string): PlanDto {
    return this.plans.get(id) ?? fail("not_found", `No plan has the id "${id}".`);
  }

  private record(description: string, plan_id: string, before: PlanDto | null, after: PlanDto | null): void {
    this.done.push({ description, plan_id, before, after });
    this.undone = [];
    if (after) this.plans.set(plan_id, after);
    else this.plans.delete(plan_id);
  }

  private freshId(name: string): string {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "plan";
    let id = base;
    for (let n = 2; this.plans.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  private replay(from: Step[], to: Step[], forward: boolean) {
    const step = from.pop();
    if (!step) return null;
    const state = forward ? step.after : step.before;
    if (state) this.plans.set(step.plan_id, state);
    else this.plans.delete(step.plan_id);
    to.push(step);
    return { description: step.description, plan_id: step.plan_id };
  }

  run(command: string, args: Record<string, unknown>): unknown {
    switch (command) {
      case "startup_status":
        return { state: "ready", data_dir: "(browser preview: nothing is stored)", fresh: false };
      case "restore_newest_backup":
        return fail("no_backup", "The browser preview has no backups.");
      case "list_plans":
        return [...this.plans.values()].map(({ id, name, organisation }) => ({ id, name, organisation }));
      case "get_plan":
        return this.get(args["id"] as string);
      case "create_plan": {
        const dto = args["plan"] as NewPlanDto;
        validate(dto.name, dto.settings);
        const plan = build(this.freshId(dto.name), dto);
        this.record(`Create plan “${plan.name}”`, plan.id, null, plan);
        return plan;
      }
      case "rename_plan": {
        const before = this.get(args["id"] as string);
        const name = args["name"] as string;
        validate(name, before.settings);
        const after = { ...before, name: name.trim() };
        this.record(`Rename plan to “${after.name}”`, before.id, before, after);
        return after;
      }
      case "update_settings": {
        const before = this.get(args["id"] as string);
        const settings = args["settings"] as SettingsDto;
        validate(before.name, settings);
        const rebuilt = build(before.id, { name: before.name, organisation: args["organisation"] as string, settings });
        const after = { ...rebuilt, goals: before.goals, themes: before.themes, counts: before.counts };
        this.record(`Change the settings of “${before.name}”`, before.id, before, after);
        return after;
      }
      case "duplicate_plan": {
        const source = this.get(args["id"] as string);
        const name = (args["name"] as string | null) ?? `${source.name} (copy)`;
        const copy = { ...structuredClone(source), id: this.freshId(name), name };
        this.record(`Duplicate “${source.name}”`, copy.id, null, copy);
        return copy;
      }
      case "delete_plan": {
        const before = this.get(args["id"] as string);
        this.record(`Delete plan “${before.name}”`, before.id, before, null);
        return null;
      }
      case "import_plan_file":
      case "export_plan_file":
        return fail("io", "The browser preview cannot read or write files.");
      case "history":
        return {
          undo: this.done[this.done.length - 1]?.description ?? null,
          redo: this.undone[this.undone.length - 1]?.description ?? null,
        };
      case "undo":
        return this.replay(this.done, this.undone, false);
      case "redo":
        return this.replay(this.undone, this.done, true);
      case "currencies":
        return CURRENCIES;
      default:
        return fail("not_found", `The browser preview does not know the command "${command}".`);
    }
  }
}

const backend = new MockBackend();

/** Answers a command as `invoke` would, after a short pause so "Saving…" can be seen. */
export async function mockInvoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 60));
  return structuredClone(backend.run(command, args)) as T;
}
