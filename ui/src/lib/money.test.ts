import { describe, expect, it } from "vitest";
import { gridAmount, money, parseClipboardBlock, percent } from "./money";

describe("money formatting", () => {
  it("formats in the plan's currency", () => {
    expect(money("1234567.891", "USD")).toBe("$1,234,567.89");
    expect(money(-1500, "EUR")).toBe("−€1,500.00");
    expect(money(Number.NaN, "USD")).toBe("—");
  });
  it("shows grid amounts without symbols, blank for zero", () => {
    expect(gridAmount("1250000")).toBe("1,250,000");
    expect(gridAmount("1038090.65")).toBe("1,038,090.65");
    expect(gridAmount("0")).toBe("");
    expect(gridAmount("")).toBe("");
  });
  it("formats rates", () => {
    expect(percent(0.1337)).toBe("13.37 %");
  });
});

describe("clipboard blocks", () => {
  it("splits Excel's tab-separated rows", () => {
    expect(parseClipboardBlock("1\t2\r\n3\t4\r\n")).toEqual([["1", "2"], ["3", "4"]]);
    expect(parseClipboardBlock("1,200")).toEqual([["1,200"]]);
  });
});
