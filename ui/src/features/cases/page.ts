import type { SectionPage } from "../../lib/page";
import CasesPage from "./CasesPage.svelte";

export const casesPage: SectionPage = {
  id: "cases",
  title: "Business cases",
  testId: "nav-cases",
  icon: "cases",
  component: CasesPage,
  scenarioHelp:
    "The cases show the scenario's discount rates, realisation and amounts, read only: set those differences on the Scenarios page, or show the plan to edit a case.",
};
