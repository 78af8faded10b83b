import { describe, expect, it, vi } from "vitest";
import type { Api } from "./api";
import { CairnError } from "./api";
import { Session } from "./session.svelte";
import type { PlanDto } from "../bindings/PlanDto";

function plan(id: string, name: string): PlanDto {
  return {
    id,
    name,
    organisation: "City",
    settings: { currency: "USD", fiscal_start_month: 7, year_naming: "end_year", year_prefix: "FY", first_year: 2027, years: 1 },
    currency_name: "US Dollar",
    currency_digits: 2,
    fiscal_years: [{ label: "FY2027", first_month: "2026-07", last_month: "2027-06" }],
    goals: [],
    themes: [],
    counts: { initiatives: 0, business_cases: 0, sourcing_studies: 0, scenarios: 0 },
  };
}

function fakeApi(overrides: Partial<Api> = {}): Api {
  const plans = new Map([["a", plan("a", "Alpha")], ["b", plan("b", "Beta")]]);
  const base: Partial<Api> = {
    listPlans: async () => [...plans.values()].map((p) => ({ id: p.id, name: p.name, organisation: p.organisation })),
    getPlan: async (id) => {
      const p = plans.get(id);
      if (!p) throw new CairnError("not_found", `no plan has the id "${id}"`);
      return p;
    },
    history: async () => ({ undo: null, redo: null }),
    renamePlan: async (id, name) => {
      if (!name.trim()) throw new CairnError("invalid_input", "Plan name: must not be empty", "name");
      const p = { ...(plans.get(id) as PlanDto), name };
      plans.set(id, p);
      return p;
    },
  };
  return { ...base, ...overrides } as Api;
}

function memory() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe("Session", () => {
  it("reopens the last plan used", async () => {
    const storage = memory();
    storage.setItem("cairn.lastPlanId", "b");
    const s = new Session(fakeApi(), storage);
    await s.start();
    expect(s.plan?.name).toBe("Beta");
  });

  it("falls back to the first plan when the last one is gone", async () => {
    const storage = memory();
    storage.setItem("cairn.lastPlanId", "deleted");
    const s = new Session(fakeApi(), storage);
    await s.start();
    expect(s.plan?.id).toBe("a");
  });

  it("keeps field errors for the form and shows other errors in the banner", async () => {
    const s = new Session(fakeApi(), memory());
    await s.start();
    const r = await s.rename(" ");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("name");
    expect(s.error).toBeNull();
    expect(s.save.kind).toBe("saved");

    const failing = new Session(
      fakeApi({ renamePlan: async () => { throw { code: "disk_full", message: "the disk is full" }; } }),
      memory(),
    );
    await failing.start();
    await failing.rename("X");
    expect(failing.error?.code).toBe("disk_full");
    expect(failing.save).toEqual({ kind: "failed", reason: "the disk is full" });
  });

  it("shows the plan an undo touched", async () => {
    const undo = vi.fn(async () => ({ description: "Rename plan to \"Beta\"", plan_id: "b" }));
    const s = new Session(fakeApi({ undo, history: async () => ({ undo: "Rename plan", redo: null }) }), memory());
    await s.start();
    expect(s.plan?.id).toBe("a");
    await s.undo();
    expect(undo).toHaveBeenCalledOnce();
    expect(s.plan?.id).toBe("b");
    expect(s.notice).toContain("Undid");
  });

  it("opens the first plan when an undo removed the open one", async () => {
    const plans = new Map([["a", plan("a", "Alpha")], ["b", plan("b", "Beta")]]);
    const api = fakeApi({
      listPlans: async () => [...plans.values()].map((p) => ({ id: p.id, name: p.name, organisation: p.organisation })),
      getPlan: async (id) => plans.get(id) ?? Promise.reject({ code: "not_found", message: "gone" }),
      history: async () => ({ undo: "Create plan “Beta”", redo: null }),
      undo: async () => {
        plans.delete("b");
        return { description: "Create plan “Beta”", plan_id: "b" };
      },
    });
    const storage = memory();
    storage.setItem("cairn.lastPlanId", "b");
    const s = new Session(api, storage);
    await s.start();
    expect(s.plan?.id).toBe("b");
    await s.undo();
    expect(s.plan?.id).toBe("a");
    expect(s.plans.map((p) => p.id)).toEqual(["a"]);
    expect(s.error).toBeNull();
  });

  it("does nothing when history says there is nothing to undo", async () => {
    const undo = vi.fn(async () => null);
    const s = new Session(fakeApi({ undo }), memory());
    await s.start();
    await s.undo();
    expect(undo).not.toHaveBeenCalled();
  });

  it("says when an imported plan was stored under a new id", async () => {
    const s = new Session(
      fakeApi({
        importPlanFile: async () => ({ plan: { id: "a", name: "Alpha", organisation: "City" }, renamed_from: "alpha-old" }),
      }),
      memory(),
    );
    await s.start();
    await s.importFile();
    expect(s.plan?.id).toBe("a");
    expect(s.notice).toContain("alpha-old");
  });

  it("does nothing when the user cancels the import or export dialog", async () => {
    const s = new Session(fakeApi({ importPlanFile: async () => null, exportPlanFile: async () => null }), memory());
    await s.start();
    const before = s.plan?.id;
    await s.importFile();
    await s.exportFile();
    expect(s.plan?.id).toBe(before);
    expect(s.notice).toBeNull();
    expect(s.error).toBeNull();
  });

  it("deletes the open plan and moves to the first remaining one", async () => {
    const plans = new Map([["a", plan("a", "Alpha")], ["b", plan("b", "Beta")]]);
    const s = new Session(
      fakeApi({
        listPlans: async () => [...plans.values()].map((p) => ({ id: p.id, name: p.name, organisation: p.organisation })),
        deletePlan: async (id) => {
          plans.delete(id);
          return null;
        },
      }),
      memory(),
    );
    await s.start();
    await s.deleteCurrent();
    expect(s.plan?.id).toBe("b");
    expect(s.notice).toContain("Ctrl+Z");
  });
});
