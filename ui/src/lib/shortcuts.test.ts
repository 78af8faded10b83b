import { describe, expect, it } from "vitest";
import { actionFor, type KeyLike } from "./shortcuts";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, inTextField: false, ...mods,
});

describe("shortcuts", () => {
  it("maps undo and redo", () => {
    expect(actionFor(key("z", { ctrlKey: true }))).toEqual({ kind: "undo" });
    expect(actionFor(key("Z", { ctrlKey: true, shiftKey: true }))).toEqual({ kind: "redo" });
    expect(actionFor(key("y", { ctrlKey: true }))).toEqual({ kind: "redo" });
    expect(actionFor(key("z", { metaKey: true }))).toEqual({ kind: "undo" });
  });

  it("leaves Ctrl+Z to text fields", () => {
    expect(actionFor(key("z", { ctrlKey: true, inTextField: true }))).toBeNull();
  });

  it("maps commands and navigation", () => {
    expect(actionFor(key("n", { ctrlKey: true }))).toEqual({ kind: "new-plan" });
    expect(actionFor(key(",", { ctrlKey: true }))).toEqual({ kind: "settings" });
    expect(actionFor(key("3", { altKey: true }))).toEqual({ kind: "navigate", index: 2 });
    expect(actionFor(key("z"))).toBeNull();
  });

  it("maps Ctrl+digit like Alt+digit, and only 1 to 7", () => {
    expect(actionFor(key("1", { ctrlKey: true }))).toEqual({ kind: "navigate", index: 0 });
    expect(actionFor(key("7", { altKey: true }))).toEqual({ kind: "navigate", index: 6 });
    expect(actionFor(key("8", { altKey: true }))).toBeNull();
  });

  it("leaves Ctrl+Y and Ctrl+Shift+Z to text fields too", () => {
    expect(actionFor(key("y", { ctrlKey: true, inTextField: true }))).toBeNull();
    expect(actionFor(key("Z", { ctrlKey: true, shiftKey: true, inTextField: true }))).toBeNull();
  });
});
