import { describe, expect, it } from "vitest";
import { fte } from "./headcount";

describe("fte", () => {
  it.each([
    ["-12", "−12 FTE"],
    ["2.5", "+2.5 FTE"],
    ["0", "0 FTE"],
    ["-0.50", "−0.50 FTE"],
    ["-1200", "−1,200 FTE"],
    [" 3 ", "+3 FTE"],
  ])("writes %s as %s", (text, shown) => {
    expect(fte(text)).toBe(shown);
  });

  it("never shows an ASCII hyphen as a minus sign", () => {
    expect(fte("-7")).not.toContain("-");
  });

  it("shows text that is not a number unchanged", () => {
    expect(fte("twelve")).toBe("twelve FTE");
  });
});
