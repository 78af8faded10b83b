// The loader inside effects, as the pages use it (runes compile in a .svelte.test.ts file).
import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import { Loader } from "./loader.svelte";

/** Lets every answer in flight arrive, and the effects they cause run. */
async function settle() {
  flushSync();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

describe("Loader in an effect", () => {
  it("is reactive, and what its fetch reads does not rerun the effect that loads", async () => {
    const selection = $state({ id: "first" });
    const key = $state({ scenario: "plan" });
    let loads = 0;
    const loader = new Loader<string, string>(async (scenario) => {
      loads++;
      return `${scenario}:${selection.id}`;
    }, "");
    const shown: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => void loader.load(key.scenario));
      $effect(() => void shown.push(loader.data));
    });
    await settle();
    expect(loader.data).toBe("plan:first");

    // The selection is read by the fetch, not by the effect: changing it loads nothing.
    selection.id = "second";
    await settle();
    expect(loads).toBe(1);

    // The key is the effect's: changing it loads again.
    key.scenario = "cautious";
    await settle();
    expect(loads).toBe(2);
    expect(loader.data).toBe("cautious:second");
    expect(shown).toEqual(["", "plan:first", "cautious:second"]);
    stop();
  });
});
