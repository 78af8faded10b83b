import { describe, expect, it, vi } from "vitest";
import type { MenuCommand } from "./lib/api";
import { actionFor, type KeyLike } from "./lib/shortcuts";
import type { Session } from "./lib/session.svelte";

const ask = vi.fn(async () => true);
vi.mock("@tauri-apps/plugin-dialog", () => ({ ask: () => ask(), message: vi.fn() }));

const { perform } = await import("./commands");
const { planCommands } = await import("./features/plans/commands");

const ALL: MenuCommand[] = ["new-plan", "import", "export", "settings", "undo", "redo", "rename", "duplicate", "delete"];

function table() {
  const ran: string[] = [];
  const commands = Object.fromEntries(ALL.map((c) => [c, () => void ran.push(c)])) as Record<MenuCommand, () => void>;
  return { ran, commands };
}

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, inTextField: false, ...mods,
});

describe("perform", () => {
  it("runs the menu's command of the same name for a shortcut", () => {
    const { ran, commands } = table();
    const navigate = vi.fn();
    for (const k of [key("z", { ctrlKey: true }), key("y", { ctrlKey: true }), key("n", { ctrlKey: true }), key("o", { ctrlKey: true }),
      key("e", { ctrlKey: true }), key(",", { ctrlKey: true })]) {
      const action = actionFor(k);
      if (action) perform(action, commands, navigate);
    }
    expect(ran).toEqual(["undo", "redo", "new-plan", "import", "export", "settings"]);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("goes to the section of Alt+digit", () => {
    const { ran, commands } = table();
    const navigate = vi.fn();
    perform({ kind: "navigate", index: 3 }, commands, navigate);
    expect(navigate).toHaveBeenCalledWith(3);
    expect(ran).toEqual([]);
  });
});

describe("planCommands", () => {
  function fakeSession(open = true) {
    return {
      plan: open ? { id: "a", name: "Alpha" } : null,
      duplicate: vi.fn(async () => {}),
      deleteCurrent: vi.fn(async () => {}),
      importFile: vi.fn(async () => {}),
      exportFile: vi.fn(async () => {}),
    };
  }

  it("opens the plan dialogs and runs the session's plan changes", () => {
    const session = fakeSession();
    const open = vi.fn();
    const c = planCommands(session as unknown as Session, open);
    c["new-plan"]();
    c.rename();
    c.duplicate();
    c.import();
    c.export();
    expect(open.mock.calls).toEqual([["new"], ["rename"]]);
    expect(session.duplicate).toHaveBeenCalledOnce();
    expect(session.importFile).toHaveBeenCalledOnce();
    expect(session.exportFile).toHaveBeenCalledOnce();
  });

  it("deletes the open plan only when the user confirms", async () => {
    const session = fakeSession();
    const c = planCommands(session as unknown as Session, vi.fn());
    ask.mockResolvedValueOnce(false);
    c.delete();
    await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
    expect(session.deleteCurrent).not.toHaveBeenCalled();
    ask.mockResolvedValueOnce(true);
    c.delete();
    await vi.waitFor(() => expect(session.deleteCurrent).toHaveBeenCalledOnce());
  });

  it("asks nothing when no plan is open", async () => {
    ask.mockClear();
    const session = fakeSession(false);
    planCommands(session as unknown as Session, vi.fn()).delete();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ask).not.toHaveBeenCalled();
    expect(session.deleteCurrent).not.toHaveBeenCalled();
  });
});
