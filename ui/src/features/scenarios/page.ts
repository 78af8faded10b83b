import type { SectionPage } from "../../lib/page";
import ScenariosPage from "./ScenariosPage.svelte";

export const scenariosPage: SectionPage = {
  id: "scenarios",
  title: "Scenarios",
  testId: "nav-scenarios",
  icon: "scenarios",
  component: ScenariosPage,
  scenarioHelp: "Compare it with the plan and other scenarios below.",
};
