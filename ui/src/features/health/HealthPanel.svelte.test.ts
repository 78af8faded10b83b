// The plan-health button and panel: the badge counts open errors (else warnings), the checks run
// again after every change and on a scenario switch, and a finding links to its page and item.
import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FindingDto } from "../../bindings/FindingDto";
import type { PlanHealthDto } from "../../bindings/PlanHealthDto";
import type { Session } from "../../lib/session.svelte";

vi.mock("@tauri-apps/api/core", () => ({ invoke: async () => { throw new Error("not in this test"); } }));
vi.mock("@tauri-apps/api/event", () => ({ listen: async () => () => {} }));
const { default: HealthPanel } = await import("./HealthPanel.svelte");

const finding = (severity: string, code: string, extra: Partial<FindingDto> = {}): FindingDto => ({
  code, severity, path: `${code}-path`, ids: [], message: `${code} message`, headline: `${code} headline`,
  target: { page: "roadmap" }, ...extra,
});

function health(findings: FindingDto[]): PlanHealthDto {
  const open = (s: string) => findings.filter((f) => f.severity === s && f.accepted === undefined).length;
  return { errors: open("error"), warnings: open("warning"), infos: open("info"),
    accepted: findings.filter((f) => f.accepted !== undefined).length, findings };
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  flushSync();
}

const q = (target: HTMLElement, id: string) => target.querySelector<HTMLElement>(`[data-testid='${id}']`);

let shown: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  document.body.innerHTML = "";
});

describe("HealthPanel", () => {
  it("counts, reloads after a change and a scenario switch, and links a finding to its item", async () => {
    const session = $state({ plan: { id: "p" }, scenario: null as string | null, scenarioName: null, revision: 0,
      focus: null as { item?: string; section?: string } | null });
    const answers: Record<string, FindingDto[]> = {
      "plan 0": [
        finding("error", "ceiling-breach", { target: { page: "roadmap", section: "budget" } }),
        finding("error", "dependency-violation", { accepted: "Agreed with the board." }),
        finding("warning", "unappraised-spend", { ids: ["soc"], target: { page: "roadmap", item: "soc" } }),
      ],
      "plan 1": [finding("warning", "unappraised-spend")],
      "cut 1": [],
    };
    const get = vi.fn(async (_plan: string, scenario: string | null) => health(answers[`${scenario ?? "plan"} ${session.revision}`] ?? []));
    const go = vi.fn();
    const target = document.body.appendChild(document.createElement("div"));
    shown = mount(HealthPanel, { target, props: { session: session as unknown as Session, go, get } });
    await settle();
    // One open error (the accepted one does not count), shown in the error tone.
    expect(q(target, "health-badge")?.textContent).toBe("1");
    expect(q(target, "health-badge")?.className).toContain("error");

    q(target, "health-open")?.click();
    await settle();
    const items = [...target.querySelectorAll<HTMLElement>("[data-testid='health-finding']")];
    expect(items.map((i) => i.querySelector(".headline")?.textContent)).toEqual([
      "ceiling-breach headline", "unappraised-spend headline", "dependency-violation headline",
    ]);
    expect(items[2]?.textContent).toContain("Accepted: Agreed with the board.");

    // A finding links to the roadmap with its initiative selected.
    items[1]?.querySelector("button")?.click();
    await settle();
    expect(go).toHaveBeenCalledWith("roadmap");
    expect(session.focus).toEqual({ item: "soc", section: undefined });

    // An edit elsewhere: the checks run again; only a warning is left.
    session.revision = 1;
    await settle();
    expect(q(target, "health-badge")?.textContent).toBe("1");
    expect(q(target, "health-badge")?.className).toContain("warning");

    // A scenario with nothing to report: no badge.
    session.scenario = "cut";
    await settle();
    expect(q(target, "health-badge")).toBeNull();
    // The panel is closed (following a finding closed it): only the counts are asked for.
    expect(get).toHaveBeenLastCalledWith("p", "cut", true);
    q(target, "health-open")?.click();
    await settle();
    expect(get).toHaveBeenLastCalledWith("p", "cut", false);
  });
});
