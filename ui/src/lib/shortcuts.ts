// Keyboard shortcuts, as a pure mapping from a key event to an action so it can be tested.

export type Action =
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "new-plan" }
  | { kind: "import" }
  | { kind: "export" }
  | { kind: "settings" }
  | { kind: "navigate"; index: number };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** Whether focus is in a text field, where the field's own editing keys apply. */
  inTextField: boolean;
}

export function actionFor(e: KeyLike): Action | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if ((mod || e.altKey) && !e.shiftKey && /^[1-7]$/.test(key)) {
    return { kind: "navigate", index: Number(key) - 1 };
  }
  if (!mod || e.altKey) return null;
  if (key === "z" || key === "y") {
    // In a text field, Ctrl+Z undoes typing, not the last saved change.
    if (e.inTextField) return null;
    if (key === "y" || e.shiftKey) return { kind: "redo" };
    return { kind: "undo" };
  }
  if (e.shiftKey) return null;
  switch (key) {
    case "n":
      return { kind: "new-plan" };
    case "o":
      return { kind: "import" };
    case "e":
      return { kind: "export" };
    case ",":
      return { kind: "settings" };
    default:
      return null;
  }
}

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "range", "color", "file"].includes(target.type);
  }
  return target instanceof HTMLSelectElement;
}
