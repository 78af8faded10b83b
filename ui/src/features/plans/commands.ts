// The plan commands: the File menu's New, Import and Export, the Plan menu, the plan
// switcher's items and their shortcuts all run these.
import { dialogs } from "../../lib/api";
import type { Session } from "../../lib/session.svelte";

export type PlanCommand = "new-plan" | "import" | "export" | "rename" | "duplicate" | "delete";

/** The plan dialogs App shows: naming a new plan, renaming the open one. */
export type PlanDialog = "new" | "rename";

export function planCommands(session: Session, open: (dialog: PlanDialog) => void): Record<PlanCommand, () => void> {
  return {
    "new-plan": () => open("new"),
    rename: () => open("rename"),
    duplicate: () => void session.duplicate(),
    delete: () => void deletePlan(session),
    import: () => void session.importFile(),
    export: () => void session.exportFile(),
  };
}

async function deletePlan(session: Session) {
  const plan = session.plan;
  if (!plan) return;
  const yes = await dialogs.confirm(`Delete plan “${plan.name}”? You can undo this with Ctrl+Z.`, "Delete plan", "Delete");
  if (yes) await session.deleteCurrent();
}
