// The app's sections, in sidebar order (Alt+1 … Alt+6). Pages whose feature is still to come
// say what they will hold.
import type { IconName } from "./lib/Icon.svelte";

export type PageId = "overview" | "roadmap" | "cases" | "sourcing" | "scenarios" | "board" | "settings";

export interface PageInfo {
  id: PageId;
  title: string;
  testId: string;
  icon: IconName;
  empty?: { summary: string; points: string[] };
}

export const PAGES: PageInfo[] = [
  { id: "overview", title: "Overview", testId: "nav-overview", icon: "overview" },
  {
    id: "roadmap",
    title: "Roadmap",
    testId: "nav-roadmap",
    icon: "roadmap",
    empty: {
      summary: "Initiatives on a fiscal-year timeline in swimlanes by theme, with milestones, dependencies and the critical path.",
      points: ["Budgets by fiscal year, capex and opex, against annual ceilings", "FTE demand by quarter against capacity", "CSV and MS Project exchange"],
    },
  },
  {
    id: "cases",
    title: "Business cases",
    testId: "nav-cases",
    icon: "cases",
  },
  {
    id: "sourcing",
    title: "Sourcing",
    testId: "nav-sourcing",
    icon: "sourcing",
  },
  {
    id: "scenarios",
    title: "Scenarios",
    testId: "nav-scenarios",
    icon: "scenarios",
  },
  {
    id: "board",
    title: "Board pack",
    testId: "nav-board",
    icon: "board",
    empty: {
      summary: "A paginated, print-ready PDF of the whole plan for the board: summary, roadmap, budgets, cases and sourcing.",
      points: ["A4 or US Letter", "Confidentiality label on every page", "Every figure equal to the app's"],
    },
  },
];
