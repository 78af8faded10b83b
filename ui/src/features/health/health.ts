// Plan health: the findings of the one check engine (Rust's cairn-check) over the open plan or
// the scenario shown, loaded again after every change (`session.revision`), plan switch or
// scenario switch. Only the newest answer is shown (Loader). Nothing is decided here: counts,
// messages and where each finding links come from Rust.
import type { FindingDto } from "../../bindings/FindingDto";
import type { FindingTargetDto } from "../../bindings/FindingTargetDto";
import type { PlanHealthDto } from "../../bindings/PlanHealthDto";
import { Loader } from "../../lib/loader.svelte";
import type { PageId } from "../../lib/page";

export type HealthKey = { plan: string; scenario: string | null; revision: number; countsOnly?: boolean };

export function healthLoader(get: (plan: string, scenario: string | null, countsOnly: boolean) => Promise<PlanHealthDto>) {
  return new Loader<HealthKey, PlanHealthDto | null>((k) => get(k.plan, k.scenario, k.countsOnly ?? false), null);
}

/** The badge: open errors, else open warnings, else nothing. */
export function badge(h: PlanHealthDto | null): { count: number; tone: "error" | "warning" } | null {
  if (!h) return null;
  if (h.errors > 0) return { count: h.errors, tone: "error" };
  if (h.warnings > 0) return { count: h.warnings, tone: "warning" };
  return null;
}

/** The findings in the panel's groups: open errors, open warnings, open notes, then accepted. */
export function groups(h: PlanHealthDto | null): { title: string; key: string; findings: FindingDto[] }[] {
  if (!h) return [];
  const open = (s: string) => h.findings.filter((f) => f.severity === s && f.accepted === undefined);
  return [
    { key: "error", title: "Errors", findings: open("error") },
    { key: "warning", title: "Warnings", findings: open("warning") },
    { key: "info", title: "Notes", findings: open("info") },
    { key: "accepted", title: "Accepted in the plan", findings: h.findings.filter((f) => f.accepted !== undefined) },
  ].filter((g) => g.findings.length > 0);
}

/** The page a finding links to (Rust names it). */
export function pageOf(target: FindingTargetDto): PageId {
  return target.page === "cases" ? "cases" : target.page === "settings" ? "settings" : "roadmap";
}
