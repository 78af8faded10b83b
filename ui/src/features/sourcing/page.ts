import type { SectionPage } from "../../lib/page";
import SourcingPage from "./SourcingPage.svelte";

export const sourcingPage: SectionPage = {
  id: "sourcing",
  title: "Sourcing",
  testId: "nav-sourcing",
  icon: "sourcing",
  component: SourcingPage,
  scenarioHelp:
    "The studies show the option this scenario chooses; a choice made here stays in the scenario. The rest of a study is the plan's, read only: show the plan to edit it.",
};
