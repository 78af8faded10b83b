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
  },
];
