import type { SectionPage } from "../../lib/page";
import BoardPackPage from "./BoardPackPage.svelte";

export const boardPackPage: SectionPage = {
  id: "board",
  title: "Board pack",
  testId: "nav-board",
  icon: "board",
  component: BoardPackPage,
  scenarioHelp: "The pack is printed for this scenario unless you choose another below.",
};
