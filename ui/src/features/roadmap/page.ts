import type { SectionPage } from "../../lib/page";
import RoadmapPage from "./RoadmapPage.svelte";

export const roadmapPage: SectionPage = {
  id: "roadmap",
  title: "Roadmap",
  testId: "nav-roadmap",
  icon: "roadmap",
  component: RoadmapPage,
  scenarioHelp: "The timeline, budget and capacity are the scenario's; moves and status changes stay in the scenario.",
};
