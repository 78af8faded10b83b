import { describe, expect, it } from "vitest";
import { PAGES, SETTINGS, pageInfo } from "./pages";

describe("pages", () => {
  it("lists the sections in sidebar order (Alt+1 … Alt+7) with the test ids the end-to-end tests use", () => {
    expect(PAGES.map((p) => [p.id, p.title, p.testId])).toEqual([
      ["overview", "Overview", "nav-overview"],
      ["roadmap", "Roadmap", "nav-roadmap"],
      ["cases", "Business cases", "nav-cases"],
      ["sourcing", "Sourcing", "nav-sourcing"],
      ["risks", "Risks", "nav-risks"],
      ["scenarios", "Scenarios", "nav-scenarios"],
      ["board", "Board pack", "nav-board"],
    ]);
  });

  it("gives every page its own component and scenario help", () => {
    for (const p of [...PAGES, SETTINGS]) {
      expect(pageInfo(p.id)).toBe(p);
      expect(p.component).toBeTypeOf("function");
      expect(p.scenarioHelp).toMatch(/\.$/);
    }
    expect(pageInfo("sourcing").scenarioHelp).toContain("stays in the scenario");
    expect(pageInfo("cases").scenarioHelp).toContain("read only");
  });
});
