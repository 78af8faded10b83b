import { describe, expect, it } from "vitest";
import { CairnError, toCairnError } from "./api";

describe("toCairnError", () => {
  it("keeps the code and field of an ApiError from Rust", () => {
    const e = toCairnError({ code: "invalid_input", message: "Number of years: too many", field: "settings.horizon.years" });
    expect(e).toBeInstanceOf(CairnError);
    expect(e.code).toBe("invalid_input");
    expect(e.field).toBe("settings.horizon.years");
    expect(e.message).toBe("Number of years: too many");
  });

  it("turns anything else into an internal error with the text kept", () => {
    const e = toCairnError("invalid args `id` for command `get_plan`");
    expect(e.code).toBe("internal");
    expect(e.field).toBeUndefined();
    expect(e.message).toContain("invalid args");
  });

  it("passes a CairnError through", () => {
    const original = new CairnError("disk_full", "The disk is full.");
    expect(toCairnError(original)).toBe(original);
  });
});
