// The app's state: the plans, the open plan, undo/redo and the saved indicator. Every change
// goes through `mutate`, which shows "Saving…", reports errors in plain words, and refreshes
// what undo/redo would do. The Rust side validates and stores; this only orchestrates.
import type { Api } from "./api";
import { CairnError, toCairnError } from "./api";
import type { HistoryDto } from "../bindings/HistoryDto";
import type { NewPlanDto } from "../bindings/NewPlanDto";
import type { PlanDto } from "../bindings/PlanDto";
import type { PlanSummaryDto } from "../bindings/PlanSummaryDto";
import type { SettingsDto } from "../bindings/SettingsDto";

export type SaveState = { kind: "saved" } | { kind: "saving" } | { kind: "failed"; reason: string };

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const LAST_PLAN_KEY = "cairn.lastPlanId";
const scenarioKey = (planId: string) => `cairn.scenario.${planId}`;

export class Session {
  plans = $state<PlanSummaryDto[]>([]);
  plan = $state<PlanDto | null>(null);
  history = $state<HistoryDto>({ undo: null, redo: null });
  save = $state<SaveState>({ kind: "saved" });
  error = $state<CairnError | null>(null);
  /** A short confirmation after undo/redo/import, e.g. "Undid: Rename plan…". */
  notice = $state<string | null>(null);
  /**
   * The scenario every page shows, by id; null shows the plan itself. Remembered per plan.
   * The scenario switcher clears it when the scenario no longer exists.
   */
  scenario = $state<string | null>(null);
  /** The shown scenario's name, kept by the switcher. */
  scenarioName = $state<string | null>(null);
  /** Counts the changes made (and undone or redone): what depends on the plan reloads on it. */
  revision = $state(0);
  /** Where a link (a plan-health finding) asked to go: the page selects the item and clears it.
   *  `link` ("case:case-erp", "initiative:erp-finance"): a risk chip asks the Risks page for the
   *  risks linked to it. */
  focus = $state<{ item?: string; section?: string; link?: string } | null>(null);

  constructor(
    private readonly api: Api,
    private readonly storage: KeyValueStore,
  ) {}

  /** Loads the plan list and opens the last plan used, or the first. */
  async start(): Promise<void> {
    await this.refreshPlans();
    const last = this.storage.getItem(LAST_PLAN_KEY);
    const target = this.plans.find((p) => p.id === last) ?? this.plans[0];
    if (target) await this.open(target.id);
    await this.refreshHistory();
  }

  async refreshPlans(): Promise<void> {
    this.plans = await this.guard(() => this.api.listPlans(), this.plans);
  }

  async refreshHistory(): Promise<void> {
    this.history = await this.guard(() => this.api.history(), this.history);
  }

  async open(id: string): Promise<void> {
    const plan = await this.guard(() => this.api.getPlan(id), null);
    if (plan) this.show(plan);
  }

  private show(plan: PlanDto): void {
    if (this.plan?.id !== plan.id) this.scenario = this.storage.getItem(scenarioKey(plan.id)) || null;
    this.plan = plan;
    this.storage.setItem(LAST_PLAN_KEY, plan.id);
  }

  /** Shows a scenario (by id) on every page, or the plan itself (null). */
  showScenario(id: string | null): void {
    this.scenario = id;
    if (id === null) this.scenarioName = null;
    if (this.plan) this.storage.setItem(scenarioKey(this.plan.id), id ?? "");
  }

  dismissError(): void {
    this.error = null;
  }

  /** Runs a read; on failure shows the error and returns `fallback`. */
  private async guard<T>(read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await read();
    } catch (reason) {
      this.error = toCairnError(reason);
      return fallback;
    }
  }

  /**
   * Runs a change. Field errors are returned to the form that asked (and shown inline there);
   * other failures go to the banner. Returns the result, or the error.
   */
  async mutate<T>(change: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: CairnError }> {
    this.save = { kind: "saving" };
    this.notice = null;
    try {
      const value = await change();
      this.revision += 1;
      this.save = { kind: "saved" };
      this.error = null;
      // The caller shows the change at once; what undo and redo would do follows.
      void this.refreshHistory();
      return { ok: true, value };
    } catch (reason) {
      const error = toCairnError(reason);
      if (error.code === "invalid_input" && error.field) {
        this.save = { kind: "saved" };
      } else {
        this.save = { kind: "failed", reason: error.message };
        this.error = error;
      }
      return { ok: false, error };
    }
  }

  async createPlan(dto: NewPlanDto) {
    const r = await this.mutate(() => this.api.createPlan(dto));
    if (r.ok) {
      this.show(r.value);
      await this.refreshPlans();
    }
    return r;
  }

  async rename(name: string) {
    const id = this.plan?.id;
    if (!id) return { ok: false as const, error: new CairnError("not_found", "No plan is open.") };
    const r = await this.mutate(() => this.api.renamePlan(id, name));
    if (r.ok) {
      this.show(r.value);
      await this.refreshPlans();
    }
    return r;
  }

  async updateSettings(organisation: string, settings: SettingsDto) {
    const id = this.plan?.id;
    if (!id) return { ok: false as const, error: new CairnError("not_found", "No plan is open.") };
    const r = await this.mutate(() => this.api.updateSettings(id, organisation, settings));
    if (r.ok) {
      this.show(r.value);
      await this.refreshPlans();
    }
    return r;
  }

  async duplicate() {
    const id = this.plan?.id;
    if (!id) return;
    const r = await this.mutate(() => this.api.duplicatePlan(id, null));
    if (r.ok) {
      this.show(r.value);
      await this.refreshPlans();
      this.notice = `Duplicated as “${r.value.name}”.`;
    }
  }

  async deleteCurrent() {
    const current = this.plan;
    if (!current) return;
    const r = await this.mutate(() => this.api.deletePlan(current.id));
    if (r.ok) {
      this.plan = null;
      await this.refreshPlans();
      const next = this.plans[0];
      if (next) await this.open(next.id);
      this.notice = `Deleted “${current.name}”. Press Ctrl+Z to bring it back.`;
    }
  }

  /** Imports the plan file the user chooses in the native dialog (nothing if they cancel). */
  async importFile() {
    const r = await this.mutate(() => this.api.importPlanFile());
    if (r.ok && r.value) {
      await this.refreshPlans();
      await this.open(r.value.plan.id);
      this.notice = r.value.renamed_from
        ? `Imported “${r.value.plan.name}”. A plan with the id “${r.value.renamed_from}” already exists, so this one was stored as “${r.value.plan.id}”.`
        : `Imported “${r.value.plan.name}”.`;
    }
  }

  /** Exports the open plan where the user chooses in the native dialog (nothing if they cancel). */
  async exportFile() {
    const id = this.plan?.id;
    if (!id) return;
    const r = await this.mutate(() => this.api.exportPlanFile(id));
    if (r.ok && r.value) this.notice = `Exported to ${r.value}.`;
  }

  async undo() {
    if (!this.history.undo) return;
    await this.replay(() => this.api.undo(), "Undid");
  }

  async redo() {
    if (!this.history.redo) return;
    await this.replay(() => this.api.redo(), "Redid");
  }

  /** After undo/redo: reload the list and show the plan the change touched, if it exists. */
  private async replay(step: Api["undo"], verb: string) {
    const r = await this.mutate(step);
    if (!r.ok || !r.value) return;
    const touched = r.value.plan_id;
    await this.refreshPlans();
    const target =
      this.plans.find((p) => p.id === touched) ?? this.plans.find((p) => p.id === this.plan?.id) ?? this.plans[0];
    if (target) await this.open(target.id);
    else this.plan = null;
    this.notice = `${verb}: ${r.value.description}`;
  }
}
