// The app's sections, in sidebar order (Alt+1 … Alt+7), and the plan settings. Each feature
// describes its own page (src/features/*/page.ts): title, icon, component and scenario help.
import { boardPackPage } from "./features/report/page";
import { casesPage } from "./features/cases/page";
import { overviewPage } from "./features/overview/page";
import { risksPage } from "./features/risks/page";
import { roadmapPage } from "./features/roadmap/page";
import { scenariosPage } from "./features/scenarios/page";
import { settingsPage } from "./features/settings/page";
import { sourcingPage } from "./features/sourcing/page";
import type { PageId, PageInfo, SectionPage } from "./lib/page";

export type { PageId } from "./lib/page";

export const PAGES: SectionPage[] = [overviewPage, roadmapPage, casesPage, sourcingPage, risksPage, scenariosPage, boardPackPage];

export const SETTINGS: PageInfo = settingsPage;

export function pageInfo(id: PageId): PageInfo {
  return PAGES.find((p) => p.id === id) ?? SETTINGS;
}
