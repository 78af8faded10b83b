// The only module that talks to the Rust side. Every command is one typed function; failures
// become `CairnError`s carrying the stable `code` the UI branches on (never the message text).
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { ask, message } from "@tauri-apps/plugin-dialog";
import type { ApiError } from "../bindings/ApiError";
import type { BackupDto } from "../bindings/BackupDto";
import type { CurrencyDto } from "../bindings/CurrencyDto";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { HistoryDto } from "../bindings/HistoryDto";
import type { ImportedDto } from "../bindings/ImportedDto";
import type { NewPlanDto } from "../bindings/NewPlanDto";
import type { PlanDto } from "../bindings/PlanDto";
import type { PlanSummaryDto } from "../bindings/PlanSummaryDto";
import type { ReplayedDto } from "../bindings/ReplayedDto";
import type { SettingsDto } from "../bindings/SettingsDto";
import type { StartupDto } from "../bindings/StartupDto";

/** An error from the Rust side, or one this module made for a failure of the transport. */
export class CairnError extends Error {
  readonly code: ErrorCode | "internal";
  readonly field: string | undefined;
  constructor(code: ErrorCode | "internal", message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** Turns whatever a rejected invoke gave into a CairnError. */
export function toCairnError(reason: unknown): CairnError {
  if (reason instanceof CairnError) return reason;
  if (isApiError(reason)) return new CairnError(reason.code, reason.message, reason.field);
  const text = reason instanceof Error ? reason.message : String(reason);
  return new CairnError("internal", `Something went wrong inside Cairn: ${text}`);
}

/** Dispatched on `window` when a command finds the database damaged after it opened: the app
 * then asks for the startup status again, which offers the restore. */
export const DATABASE_DAMAGED_EVENT = "cairn:database-damaged";

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    const error = toCairnError(reason);
    if (error.code === "database_damaged") window.dispatchEvent(new Event(DATABASE_DAMAGED_EVENT));
    throw error;
  }
}

export const api = {
  startupStatus: () => call<StartupDto>("startup_status"),
  restoreNewestBackup: () => call<BackupDto>("restore_newest_backup"),
  listPlans: () => call<PlanSummaryDto[]>("list_plans"),
  getPlan: (id: string) => call<PlanDto>("get_plan", { id }),
  createPlan: (plan: NewPlanDto) => call<PlanDto>("create_plan", { plan }),
  renamePlan: (id: string, name: string) => call<PlanDto>("rename_plan", { id, name }),
  updateSettings: (id: string, organisation: string, settings: SettingsDto) =>
    call<PlanDto>("update_settings", { id, organisation, settings }),
  duplicatePlan: (id: string, name: string | null) => call<PlanDto>("duplicate_plan", { id, name }),
  deletePlan: (id: string) => call<null>("delete_plan", { id }),
  // The file commands ask the user for the file in a native dialog shown by Rust (the page never
  // names a path); null when the user cancels, else what was imported or the path written.
  importPlanFile: () => call<ImportedDto | null>("import_plan_file"),
  exportPlanFile: (id: string) => call<string | null>("export_plan_file", { id }),
  history: () => call<HistoryDto>("history"),
  undo: () => call<ReplayedDto | null>("undo"),
  redo: () => call<ReplayedDto | null>("redo"),
  currencies: () => call<CurrencyDto[]>("currencies"),
};

export type Api = typeof api;

// Plan health: every finding of the one check engine over the plan or a scenario.
import type { PlanHealthDto } from "../bindings/PlanHealthDto";

export const healthApi = {
  get: (plan: string, scenario: string | null = null, countsOnly = false) =>
    call<PlanHealthDto>("plan_health", { plan, scenario, countsOnly }),
};

/**
 * Names the window "Cairn — <plan name>": the document title for the webview, and the native
 * title bar through the window API. The latter needs the `core:window:allow-set-title`
 * permission; without it the title bar keeps "Cairn", which is not worth an error banner.
 */
export function setWindowTitle(title: string): void {
  document.title = title;
  try {
    getCurrentWindow()
      .setTitle(title)
      .catch(() => {});
  } catch {
    // No window API (not inside Tauri): the document title is all there is.
  }
}

/** Menu item ids sent by the native menu (see src-tauri/src/menu.rs). */
export type MenuCommand =
  | "new-plan"
  | "import"
  | "export"
  | "settings"
  | "undo"
  | "redo"
  | "rename"
  | "duplicate"
  | "delete";

export function onMenu(handler: (command: MenuCommand) => void): Promise<UnlistenFn> {
  return listen<MenuCommand>("menu", (event) => handler(event.payload));
}

/**
 * Native dialogs: confirmation and notice. File dialogs are not here: Rust shows them inside the
 * commands that read or write files, so the page never chooses a path.
 */
export const dialogs = {
  confirm: (text: string, title: string, okLabel: string) =>
    ask(text, { title, kind: "warning", okLabel, cancelLabel: "Cancel" }),
  notice: (text: string, title: string) => message(text, { title, kind: "info" }),
};

// The plan's appraisal policy (settings page).
import type { AppraisalPolicyDto } from "../bindings/AppraisalPolicyDto";
import type { AppraisalPolicyViewDto } from "../bindings/AppraisalPolicyViewDto";
import type { WaccPartsDto } from "../bindings/WaccPartsDto";

export const policyApi = {
  get: (plan: string) => call<AppraisalPolicyViewDto>("appraisal_policy", { plan }),
  update: (plan: string, policy: AppraisalPolicyDto) =>
    call<AppraisalPolicyViewDto>("update_appraisal_policy", { plan, policy }),
  /** The WACC the parts make, computed by Rust ("7.8 %"), while they are typed. */
  waccRate: (parts: WaccPartsDto) => call<string>("wacc_rate", { parts }),
};

// Business cases.
import type { CaseDecisionDto } from "../bindings/CaseDecisionDto";
import type { CaseDto } from "../bindings/CaseDto";
import type { CaseFormChoicesDto } from "../bindings/CaseFormChoicesDto";
import type { CaseResultDto } from "../bindings/CaseResultDto";
import type { CaseSettingsDto } from "../bindings/CaseSettingsDto";
import type { CaseSummaryDto } from "../bindings/CaseSummaryDto";
import type { BenefitClassInfoDto } from "../bindings/BenefitClassInfoDto";
import type { CategoryInfoDto } from "../bindings/CategoryInfoDto";
import type { CellDto } from "../bindings/CellDto";
import type { LineDto } from "../bindings/LineDto";
import type { SimulationDto } from "../bindings/SimulationDto";
import type { SimulationProgressDto } from "../bindings/SimulationProgressDto";
import type { SimulationSettingsDto } from "../bindings/SimulationSettingsDto";

export const caseApi = {
  categories: () => call<CategoryInfoDto[]>("case_categories"),
  /** The benefit classes (cash-releasing, non-cash-releasing, wider) with their labels. */
  benefitClasses: () => call<BenefitClassInfoDto[]>("benefit_classes"),
  /** The cases as the plan (scenario null) or a scenario has them. */
  list: (plan: string, scenario: string | null = null) => call<CaseSummaryDto[]>("list_cases", { plan, scenario }),
  get: (plan: string, caseId: string, scenario: string | null = null) =>
    call<CaseDto>("get_case", { plan, scenario, case: caseId }),
  create: (plan: string, name: string) => call<CaseDto>("create_case", { plan, name }),
  /** Project types, contributory factors, option roles, cost activities and the plan's milestones. */
  formChoices: (plan: string) => call<CaseFormChoicesDto>("case_form_choices", { plan }),
  updateSettings: (plan: string, caseId: string, settings: CaseSettingsDto) =>
    call<CaseDto>("update_case_settings", { plan, case: caseId, settings }),
  duplicate: (plan: string, caseId: string) => call<CaseDto>("duplicate_case", { plan, case: caseId }),
  remove: (plan: string, caseId: string) => call<null>("delete_case", { plan, case: caseId }),
  saveLine: (plan: string, caseId: string, line: LineDto) => call<CaseDto>("save_line", { plan, case: caseId, line }),
  deleteLine: (plan: string, caseId: string, line: string) => call<CaseDto>("delete_line", { plan, case: caseId, line }),
  setCells: (plan: string, caseId: string, cells: CellDto[]) => call<CaseDto>("set_cells", { plan, case: caseId, cells }),
  evaluate: (plan: string, caseId: string, swing: number, scenario: string | null = null) =>
    call<CaseResultDto>("evaluate_case", { plan, scenario, case: caseId, swing }),
  /** The four NPV figures, the headline and the recommendation under the plan's rule, as the board pack states them. */
  decision: (plan: string, caseId: string, scenario: string | null = null) =>
    call<CaseDecisionDto>("case_decision", { plan, scenario, case: caseId }),
  simulate: (plan: string, caseId: string, settings: SimulationSettingsDto, scenario: string | null = null) =>
    call<SimulationDto>("simulate_case", { plan, scenario, case: caseId, settings }),
  cancelSimulation: () => call<null>("cancel_simulation"),
  onProgress: (handler: (p: SimulationProgressDto) => void): Promise<UnlistenFn> =>
    listen<SimulationProgressDto>("case-simulation-progress", (event) => handler(event.payload)),
};

export type CaseApi = typeof caseApi;

// Scenarios and baselines.
import type { ComparisonDto } from "../bindings/ComparisonDto";
import type { NewScenarioDto } from "../bindings/NewScenarioDto";
import type { OverrideDto } from "../bindings/OverrideDto";
import type { ScenariosDto } from "../bindings/ScenariosDto";

export const scenarioApi = {
  list: (plan: string) => call<ScenariosDto>("list_scenarios", { plan }),
  create: (plan: string, scenario: NewScenarioDto) => call<ScenariosDto>("create_scenario", { plan, scenario }),
  addOverride: (plan: string, scenario: string, change: OverrideDto) =>
    call<ScenariosDto>("add_scenario_override", { plan, scenario, change }),
  remove: (plan: string, scenario: string) => call<ScenariosDto>("delete_scenario", { plan, scenario }),
  takeBaseline: (plan: string, name: string) => call<ScenariosDto>("take_baseline", { plan, name }),
  compare: (plan: string, variants: string[]) => call<ComparisonDto>("compare_scenarios", { plan, variants }),
};

// The roadmap.
import type { InitiativeInputDto } from "../bindings/InitiativeInputDto";
import type { MovePreviewDto } from "../bindings/MovePreviewDto";
import type { RoadmapDto } from "../bindings/RoadmapDto";
import type { RoadmapPatchDto } from "../bindings/RoadmapPatchDto";
import type { InitiativeDto } from "../bindings/InitiativeDto";
import type { ScheduleRiskDto } from "../bindings/ScheduleRiskDto";
import type { ScheduleRiskSettingsDto } from "../bindings/ScheduleRiskSettingsDto";
import type { RiskChipDto } from "../bindings/RiskChipDto";

export const roadmapApi = {
  /** The roadmap of the plan (scenario null) or a scenario, set against `overlay` when given. */
  get: (plan: string, scenario: string | null = null, overlay: string | null = null) =>
    call<RoadmapDto>("roadmap", { plan, scenario, overlay }),
  /** One initiative's whole record, for the editor (the roadmap carries only what is drawn). */
  initiative: (plan: string, scenario: string | null, initiative: string) =>
    call<InitiativeDto>("initiative", { plan, scenario, initiative }),
  save: (plan: string, scenario: string | null, initiative: InitiativeInputDto) =>
    call<RoadmapDto>("save_initiative", { plan, scenario, initiative }),
  remove: (plan: string, scenario: string | null, initiative: string) =>
    call<RoadmapDto>("delete_initiative", { plan, scenario, initiative }),
  preview: (plan: string, scenario: string | null, initiative: string, start: string, end: string) =>
    call<MovePreviewDto>("preview_move", { plan, scenario, initiative, start, end }),
  move: (plan: string, scenario: string | null, initiative: string, start: string, end: string) =>
    call<RoadmapPatchDto>("move_initiative", { plan, scenario, initiative, start, end }),
  // Rust asks the user for the file (null: cancelled); exports give the path written.
  exportCsv: (plan: string) => call<string | null>("export_initiatives_csv_file", { plan }),
  importCsv: (plan: string) => call<RoadmapDto | null>("import_initiatives_csv_file", { plan }),
  exportProject: (plan: string) => call<string | null>("export_initiatives_project_file", { plan }),
  importProject: (plan: string) => call<RoadmapDto | null>("import_initiatives_project_file", { plan }),
  /** Schedule risk (the Confidence view), run on a worker thread with progress events. */
  scheduleRisk: (plan: string, scenario: string | null, settings: ScheduleRiskSettingsDto) =>
    call<ScheduleRiskDto>("schedule_risk", { plan, scenario, settings }),
  cancelScheduleRisk: () => call<null>("cancel_schedule_risk"),
  onScheduleProgress: (handler: (p: SimulationProgressDto) => void): Promise<UnlistenFn> =>
    listen<SimulationProgressDto>("schedule-risk-progress", (event) => handler(event.payload)),
  /** Initiatives with linked risks that are not closed, and how many are above appetite. */
  riskChips: (plan: string, scenario: string | null) => call<RiskChipDto[]>("roadmap_risk_chips", { plan, scenario }),
};
// Sourcing studies.
import type { AhpDto } from "../bindings/AhpDto";
import type { CriterionInputDto } from "../bindings/CriterionInputDto";
import type { JudgementDto } from "../bindings/JudgementDto";
import type { OptionInputDto } from "../bindings/OptionInputDto";
import type { StudyDto } from "../bindings/StudyDto";
import type { StudyHeaderDto } from "../bindings/StudyHeaderDto";
import type { StudyResultDto } from "../bindings/StudyResultDto";
import type { StudySummaryDto } from "../bindings/StudySummaryDto";
import type { WeightDto } from "../bindings/WeightDto";

export const sourcingApi = {
  /** The studies as the plan (scenario null) or a scenario has them. */
  list: (plan: string, scenario: string | null = null) => call<StudySummaryDto[]>("list_studies", { plan, scenario }),
  get: (plan: string, study: string, scenario: string | null = null) =>
    call<StudyDto>("get_study", { plan, scenario, study }),
  create: (plan: string, name: string, service: string) => call<StudyDto>("create_study", { plan, name, service }),
  update: (plan: string, study: string, header: StudyHeaderDto) => call<StudyDto>("update_study", { plan, study, header }),
  remove: (plan: string, study: string) => call<null>("delete_study", { plan, study }),
  addOption: (plan: string, study: string, input: OptionInputDto) => call<StudyDto>("add_option", { plan, study, input }),
  updateOption: (plan: string, study: string, option: string, input: OptionInputDto) =>
    call<StudyDto>("update_option", { plan, study, option, input }),
  removeOption: (plan: string, study: string, option: string) => call<StudyDto>("remove_option", { plan, study, option }),
  addCriterion: (plan: string, study: string, input: CriterionInputDto) => call<StudyDto>("add_criterion", { plan, study, input }),
  updateCriterion: (plan: string, study: string, criterion: string, input: CriterionInputDto) =>
    call<StudyDto>("update_criterion", { plan, study, criterion, input }),
  removeCriterion: (plan: string, study: string, criterion: string) =>
    call<StudyDto>("remove_criterion", { plan, study, criterion }),
  setScore: (plan: string, study: string, option: string, criterion: string, value: string, rationale: string) =>
    call<StudyDto>("set_score", { plan, study, option, criterion, value, rationale }),
  setWeights: (plan: string, study: string, weights: WeightDto[]) => call<StudyDto>("set_weights", { plan, study, weights }),
  setJudgements: (plan: string, study: string, judgements: JudgementDto[]) =>
    call<StudyDto>("set_judgements", { plan, study, judgements }),
  previewJudgements: (plan: string, study: string, judgements: JudgementDto[]) =>
    call<AhpDto>("preview_judgements", { plan, study, judgements }),
  evaluate: (plan: string, study: string, samples: number, scenario: string | null = null) =>
    call<StudyResultDto>("evaluate_study", { plan, scenario, study, samples }),
  /** In a scenario the choice is the scenario's; null there follows the parent again. */
  choose: (plan: string, study: string, option: string | null, scenario: string | null = null) =>
    call<StudyDto>("choose_option", { plan, scenario, study, option }),
  setRecommendation: (plan: string, study: string, recommendation: string) =>
    call<StudyDto>("set_recommendation", { plan, study, recommendation }),
};

export type SourcingApi = typeof sourcingApi;

// The board pack.
import type { BoardPackDto } from "../bindings/BoardPackDto";
import type { BoardPackRequestDto } from "../bindings/BoardPackRequestDto";
import type { ReportSectionDto } from "../bindings/ReportSectionDto";

export const reportApi = {
  sections: () => call<ReportSectionDto[]>("report_sections"),
};

// The board pack's preview, and saving and opening it (only a pack saved in this session opens).
export const boardPackApi = {
  /** The PDF an export of `request` would write, as raw bytes (no JSON number array). */
  preview: (plan: string, request: BoardPackRequestDto) => call<ArrayBuffer>("preview_board_pack", { plan, request }),
  /** Rust asks the user where to save (null: cancelled), then builds and writes the pack. */
  save: (plan: string, request: BoardPackRequestDto) => call<BoardPackDto | null>("save_board_pack", { plan, request }),
  /** Opens a pack saved in this session in the system's PDF viewer; Rust refuses any other path. */
  open: (path: string) => call<null>("open_board_pack", { path }),
};

// Scenario operations (rename, duplicate, promote) and variance against a baseline.
import type { PromotionDto } from "../bindings/PromotionDto";
import type { VarianceDto } from "../bindings/VarianceDto";

export const scenarioOpsApi = {
  rename: (plan: string, scenario: string, name: string) =>
    call<ScenariosDto>("rename_scenario", { plan, scenario, name }),
  duplicate: (plan: string, scenario: string, name: string) =>
    call<ScenariosDto>("duplicate_scenario", { plan, scenario, name }),
  promote: (plan: string, scenario: string) => call<PromotionDto>("promote_scenario", { plan, scenario }),
  variance: (plan: string, baseline: string, scenario: string | null) =>
    call<VarianceDto>("baseline_variance", { plan, baseline, scenario }),
};

// The budget-cut helper.
import type { BudgetCutAcceptedDto } from "../bindings/BudgetCutAcceptedDto";
import type { BudgetCutProposalDto } from "../bindings/BudgetCutProposalDto";
import type { BudgetCutRequestDto } from "../bindings/BudgetCutRequestDto";

export const budgetCutApi = {
  propose: (plan: string, scenario: string | null, request: BudgetCutRequestDto) =>
    call<BudgetCutProposalDto>("propose_budget_cut", { plan, scenario, request }),
  accept: (plan: string, scenario: string | null, request: BudgetCutRequestDto, name: string) =>
    call<BudgetCutAcceptedDto>("accept_budget_cut", { plan, scenario, request, name }),
};

// The risk register (Risks page): the register with Rust's scores and appetite flags, its edits
// (each one undoable step), the plan's scale and appetite, and what a risk may link to.
import type { RegisterRiskDto } from "../bindings/RegisterRiskDto";
import type { RiskChoicesDto } from "../bindings/RiskChoicesDto";
import type { RiskRegisterDto } from "../bindings/RiskRegisterDto";
import type { RiskSettingsDto } from "../bindings/RiskSettingsDto";

export const riskApi = {
  register: (plan: string, scenario: string | null = null) =>
    call<RiskRegisterDto>("risk_register", { plan, scenario }),
  choices: (plan: string) => call<RiskChoicesDto>("risk_choices", { plan }),
  add: (plan: string, risk: RegisterRiskDto) => call<RiskRegisterDto>("add_risk", { plan, risk }),
  update: (plan: string, id: string, risk: RegisterRiskDto, scenario: string | null = null) =>
    call<RiskRegisterDto>("update_risk", { plan, scenario, id, risk }),
  remove: (plan: string, id: string) => call<RiskRegisterDto>("delete_risk", { plan, id }),
  updateSettings: (plan: string, settings: RiskSettingsDto) =>
    call<RiskRegisterDto>("update_risk_settings", { plan, settings }),
};

export type RiskApi = typeof riskApi;
