import { describe, expect, it, vi } from "vitest";
import { CairnError } from "./api";
import { Loader } from "./loader.svelte";

/** A promise settled by hand, to choose the order in which answers arrive. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Key = { plan: string; scenario: string | null };

describe("Loader", () => {
  it("shows the answer for the key asked", async () => {
    const loader = new Loader<Key, string | null>(async (k) => `${k.plan}/${k.scenario ?? "plan"}`, null);
    expect(loader.data).toBeNull();
    const shown = loader.load({ plan: "a", scenario: null });
    expect(loader.loading).toBe(true);
    expect(await shown).toBe(true);
    expect(loader.data).toBe("a/plan");
    expect(loader.loading).toBe(false);
    expect(loader.error).toBeNull();
    expect(loader.key).toEqual({ plan: "a", scenario: null });
  });

  it("drops a slow older answer that arrives after a newer one", async () => {
    const answers = new Map<string | null, ReturnType<typeof deferred<string>>>([
      [null, deferred<string>()],
      ["cautious", deferred<string>()],
    ]);
    const fetch = vi.fn((k: Key) => answers.get(k.scenario)!.promise);
    const loaded: string[] = [];
    const discarded: string[] = [];
    const loader = new Loader<Key, string>(fetch, "", {
      onload: (data) => loaded.push(data),
      ondiscard: (data) => discarded.push(data),
    });

    // The plan is asked for, then at once the scenario: the plan's answer comes last.
    const older = loader.load({ plan: "a", scenario: null });
    const newer = loader.load({ plan: "a", scenario: "cautious" });
    answers.get("cautious")!.resolve("scenario figures");
    expect(await newer).toBe(true);
    answers.get(null)!.resolve("plan figures");
    expect(await older).toBe(false);

    expect(loader.data).toBe("scenario figures");
    expect(loaded).toEqual(["scenario figures"]);
    expect(discarded).toEqual(["plan figures"]);
    expect(loader.key).toEqual({ plan: "a", scenario: "cautious" });
    expect(loader.loading).toBe(false);
  });

  it("keeps loading while the newest request is on its way, whatever older ones do", async () => {
    const first = deferred<number>();
    const second = deferred<number>();
    const loader = new Loader<number, number>((k) => (k === 1 ? first.promise : second.promise), 0);
    const a = loader.load(1);
    const b = loader.load(2);
    first.resolve(1);
    await a;
    expect(loader.loading).toBe(true);
    expect(loader.data).toBe(0);
    second.resolve(2);
    await b;
    expect(loader.loading).toBe(false);
    expect(loader.data).toBe(2);
  });

  it("tells a fetch of several steps when it is no longer current", async () => {
    const gate = deferred<void>();
    const steps: string[] = [];
    const loader = new Loader<string, string>(async (k, current) => {
      await gate.promise;
      if (!current()) {
        steps.push(`${k}: stopped`);
        return "";
      }
      steps.push(`${k}: went on`);
      return k;
    }, "");
    const old = loader.load("old");
    const fresh = loader.load("new");
    gate.resolve();
    await Promise.all([old, fresh]);
    expect(steps).toEqual(["old: stopped", "new: went on"]);
    expect(loader.data).toBe("new");
  });

  it("shows an error, keeps what was shown, and clears the error once a load succeeds", async () => {
    let fail = false;
    const errors: string[] = [];
    const loader = new Loader<string, string>(
      async (k) => {
        if (fail) throw new CairnError("not_found", `no plan has the id "${k}"`);
        return k;
      },
      "",
      { onerror: (e, k) => errors.push(`${k}: ${e.message}`) },
    );
    await loader.load("a");
    fail = true;
    expect(await loader.load("gone")).toBe(false);
    expect(loader.error?.code).toBe("not_found");
    expect(loader.error?.message).toBe('no plan has the id "gone"');
    expect(loader.data).toBe("a");
    expect(loader.loading).toBe(false);
    expect(errors).toEqual(['gone: no plan has the id "gone"']);

    fail = false;
    expect(await loader.load("b")).toBe(true);
    expect(loader.error).toBeNull();
    expect(loader.data).toBe("b");
  });

  it("turns anything thrown into a CairnError", async () => {
    const loader = new Loader<string, string>(() => Promise.reject("the database is locked"), "");
    await loader.load("a");
    expect(loader.error).toBeInstanceOf(CairnError);
  });

  it("ignores the error of a request a newer one replaced", async () => {
    const failing = deferred<string>();
    const onerror = vi.fn();
    const loader = new Loader<string, string>((k) => (k === "old" ? failing.promise : Promise.resolve(k)), "", { onerror });
    const old = loader.load("old");
    await loader.load("new");
    failing.reject(new Error("gone"));
    expect(await old).toBe(false);
    expect(onerror).not.toHaveBeenCalled();
    expect(loader.error).toBeNull();
    expect(loader.data).toBe("new");
  });

  it("reloads the newest key after an edit", async () => {
    let version = 1;
    const fetch = vi.fn(async (k: string) => `${k} v${version}`);
    const loader = new Loader<string, string>(fetch, "");
    expect(await loader.reload()).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
    await loader.load("a");
    await loader.load("b");
    version = 2;
    expect(await loader.reload()).toBe(true);
    expect(loader.data).toBe("b v2");
    expect(fetch).toHaveBeenLastCalledWith("b", expect.any(Function));
  });

  it("runs a follow-up fetch under the same rule", async () => {
    const slowLoad = deferred<string>();
    const loader = new Loader<string, string>(() => slowLoad.promise, "");
    const load = loader.load("a");
    expect(await loader.run("a", async () => "after the edit")).toBe(true);
    slowLoad.resolve("before the edit");
    expect(await load).toBe(false);
    expect(loader.data).toBe("after the edit");
  });

  it("shows an answer an edit brought, dropping a load made before it", async () => {
    const slow = deferred<string>();
    const loader = new Loader<string, string>(() => slow.promise, "", { onload: vi.fn() });
    const load = loader.load("a");
    loader.set("moved");
    expect(loader.data).toBe("moved");
    expect(loader.loading).toBe(false);
    slow.resolve("not moved yet");
    expect(await load).toBe(false);
    expect(loader.data).toBe("moved");
  });

  it("cancels the request on its way", async () => {
    const slow = deferred<string>();
    const loader = new Loader<string, string>(() => slow.promise, "before");
    const load = loader.load("a");
    loader.cancel();
    expect(loader.loading).toBe(false);
    slow.resolve("late");
    expect(await load).toBe(false);
    expect(loader.data).toBe("before");
  });

  it("passes what was shown before to onload", async () => {
    const seen: [string, string][] = [];
    const loader = new Loader<string, string>(async (k) => k, "none", { onload: (data, _k, previous) => seen.push([previous, data]) });
    await loader.load("a");
    await loader.load("b");
    expect(seen).toEqual([
      ["none", "a"],
      ["a", "b"],
    ]);
  });
});
