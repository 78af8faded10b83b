import type { SectionPage } from "../../lib/page";
import { settingsPage } from "../settings/page";
import Overview from "./Overview.svelte";

export const overviewPage: SectionPage = {
  id: "overview",
  title: "Overview",
  testId: "nav-overview",
  icon: "overview",
  component: Overview,
  // The overview shows the plan's settings, goals and themes: what the settings page says holds.
  scenarioHelp: settingsPage.scenarioHelp,
};
