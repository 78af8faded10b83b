import type { PageInfo } from "../../lib/page";
import SettingsPage from "./SettingsPage.svelte";

/** The plan's settings: the sidebar's foot, the top bar's Settings button, Ctrl+, and the menu. */
export const settingsPage: PageInfo = {
  id: "settings",
  title: "Plan settings",
  icon: "settings",
  component: SettingsPage,
  scenarioHelp: "Settings, goals and themes are the plan's and apply to every scenario.",
};
