// One table of what each command does, whether it comes from the native menu or the keyboard:
// the menu sends a command's name, a shortcut maps to the same name (or to a section).
import type { MenuCommand } from "./lib/api";
import type { Action } from "./lib/shortcuts";

export type Commands = Record<MenuCommand, () => void>;

/** Runs what a shortcut stands for: a command of the table, or going to the section at `index`. */
export function perform(action: Action, commands: Commands, navigate: (index: number) => void): void {
  if (action.kind === "navigate") navigate(action.index);
  else commands[action.kind]();
}
