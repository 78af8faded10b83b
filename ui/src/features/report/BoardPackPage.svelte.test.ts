// The Board pack page's layout choice: the 16:9 deck goes to Rust through the same request as
// the pack (`layout: "deck"`), for the preview and the saved file alike; the paper size, which
// only the pack has, is then disabled (issue 16 item 10).
import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BoardPackRequestDto } from "../../bindings/BoardPackRequestDto";
import type { PlanDto } from "../../bindings/PlanDto";
import type { Session } from "../../lib/session.svelte";

const calls: { command: string; request?: BoardPackRequestDto }[] = [];
const invoke = vi.fn(async (command: string, args: { request?: BoardPackRequestDto }) => {
  calls.push({ command, request: args.request });
  switch (command) {
    case "report_sections":
      return [
        { key: "summary", title: "Executive summary" },
        { key: "budget", title: "Budget by fiscal year" },
      ];
    case "list_scenarios":
      return { scenarios: [], baselines: [] };
    case "preview_board_pack":
      return new ArrayBuffer(8);
    case "save_board_pack":
      return { path: "/tmp/deck.pdf", bytes: 40960 };
    default:
      throw new Error(`unexpected command ${command}`);
  }
});
vi.mock("@tauri-apps/api/core", () => ({ invoke: (c: string, a: { request?: BoardPackRequestDto }) => invoke(c, a) }));
vi.mock("@tauri-apps/api/event", () => ({ listen: async () => () => {} }));
// pdf.js needs a worker and a canvas: the page's drawing is not what this test looks at.
vi.mock("./pdfPages", () => ({
  openPdf: async () => ({ numPages: 3, destroy: async () => {} }),
  pageCanvas: () => ({ destroy: () => {} }),
}));

const { default: BoardPackPage } = await import("./BoardPackPage.svelte");

const plan = {
  id: "p", name: "Plan", organisation: "", currency_name: "US Dollar", currency_digits: 2, fiscal_years: [], goals: [], themes: [],
  settings: { currency: "USD", fiscal_start_month: 7, year_naming: "end_year", year_prefix: "FY", first_year: 2027, years: 1 },
  counts: { initiatives: 0, business_cases: 0, sourcing_studies: 0, scenarios: 0 },
} as PlanDto;

/** Lets every answer arrive, the preview's delay pass, and the page redraw. */
async function settle(ms = 0) {
  for (let i = 0; i < 5; i++) {
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
  flushSync();
}

const el = <T extends HTMLElement>(target: HTMLElement, id: string) => target.querySelector(`[data-testid='${id}']`) as T;
const lastRequest = (command: string) => calls.filter((c) => c.command === command).at(-1)?.request;

let page: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (page) unmount(page);
  page = null;
  calls.length = 0;
  document.body.innerHTML = "";
});

describe("BoardPackPage", () => {
  it("asks Rust for the 16:9 deck when that layout is chosen, and for the pack by default", async () => {
    const session = $state({ scenario: null as string | null, error: null, notice: null, history: { undo: null, redo: null } });
    const target = document.body.appendChild(document.createElement("div"));
    page = mount(BoardPackPage, { target, props: { session: session as unknown as Session, plan } });
    await settle(100);
    expect(lastRequest("preview_board_pack")).toMatchObject({ layout: "pack", paper: "a4" });
    expect(el<HTMLInputElement>(target, "pack-paper-letter").disabled).toBe(false);
    expect(el(target, "pack-deck-note")).toBeNull();

    el<HTMLInputElement>(target, "pack-layout-deck").click();
    await settle(100);
    expect(lastRequest("preview_board_pack")).toMatchObject({ layout: "deck", sections: ["summary", "budget"] });
    expect(el<HTMLInputElement>(target, "pack-paper-letter").disabled).toBe(true);
    expect(el(target, "pack-deck-note")).not.toBeNull();
    expect(el(target, "pack-export").textContent).toContain("Save board deck as PDF");

    el<HTMLButtonElement>(target, "pack-export").click();
    await settle();
    expect(lastRequest("save_board_pack")).toMatchObject({ layout: "deck" });
    expect(el(target, "pack-written").textContent).toContain("/tmp/deck.pdf");

    el<HTMLInputElement>(target, "pack-layout-pack").click();
    await settle(100);
    expect(lastRequest("preview_board_pack")).toMatchObject({ layout: "pack" });
  });
});
