import type { SectionPage } from "../../lib/page";
import RisksPage from "./RisksPage.svelte";

export const risksPage: SectionPage = {
  id: "risks",
  title: "Risks",
  testId: "nav-risks",
  icon: "risks",
  component: RisksPage,
  scenarioHelp: "The register is the plan's, the same in every scenario, and read only here: show the plan to edit it.",
};
