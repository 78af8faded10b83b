// What a page of the app is: each feature describes its own (in its page.ts) and src/pages.ts
// lists them in sidebar order; App.svelte shows the current one and nothing page-specific.
import type { Component } from "svelte";
import type { CurrencyDto } from "../bindings/CurrencyDto";
import type { PlanDto } from "../bindings/PlanDto";
import type { IconName } from "./Icon.svelte";
import type { Session } from "./session.svelte";

export type PageId = "overview" | "roadmap" | "cases" | "sourcing" | "risks" | "scenarios" | "board" | "settings";

/** What App gives every page; a page declares only the props it uses. */
export interface PageProps {
  session: Session;
  plan: PlanDto;
  currencies: CurrencyDto[];
  /** Shows another page. */
  go: (page: PageId) => void;
}

export interface PageInfo {
  id: PageId;
  title: string;
  icon: IconName;
  component: Component<PageProps>;
  /** What the strip under the top bar says on this page while a scenario is shown. */
  scenarioHelp: string;
}

/** A page with its place in the sidebar (and an Alt+digit). */
export interface SectionPage extends PageInfo {
  testId: string;
}
