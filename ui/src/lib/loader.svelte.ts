// What a page shows, loaded from Rust for a key (the plan, the scenario shown, a selection),
// with the one rule every page needs: the newest request wins. A quick switch of scenario (or
// plan, or selection) starts a new request while the old one may still be on its way; when the
// old answer arrives late it is dropped, never shown over the new one.
//
// Every request — a load for a key, a reload after an edit, an answer a change already brought
// (`set`) — takes a ticket from one counter; only the holder of the newest ticket may change
// `data`, `error` and `loading`.
import { untrack } from "svelte";
import { toCairnError, type CairnError } from "./api";

/** Fetches what to show for a key. `current()` turns false once a newer request was made: a
 *  fetch of several steps may stop early then (what it returns is dropped anyway). */
export type Fetch<K, T> = (key: K, current: () => boolean) => Promise<T>;

export interface LoaderOptions<K, T> {
  /** Right after a current answer is shown, with what it replaced. */
  onload?: (data: T, key: K, previous: T) => void;
  /** A current request failed; `data` keeps what was shown before. */
  onerror?: (error: CairnError, key: K) => void;
  /** An answer that arrived too late and is dropped, for data that holds resources. */
  ondiscard?: (data: T, key: K) => void;
}

export class Loader<K, T> {
  /** What is shown: the answer of the newest request that succeeded. */
  data: T;
  /** Whether the newest request is still on its way. */
  loading = $state(false);
  /** Why the newest request failed; null once one succeeds. */
  error = $state.raw<CairnError | null>(null);

  #ticket = 0;
  #key: { value: K } | null = null;

  constructor(
    private readonly fetch: Fetch<K, T>,
    initial: T,
    private readonly options: LoaderOptions<K, T> = {},
  ) {
    this.data = $state.raw(initial);
  }

  /** The key of the newest request, if any was made. */
  get key(): K | undefined {
    return this.#key?.value;
  }

  /** Loads what to show for `key`. True when its answer is shown; false when it failed or a
   *  newer request came first. */
  load(key: K): Promise<boolean> {
    return this.run(key, this.fetch);
  }

  /** Loads the newest key again, e.g. after an edit changed what it shows. */
  reload(): Promise<boolean> {
    return this.#key ? this.load(this.#key.value) : Promise.resolve(false);
  }

  /** Like `load`, with another way to fetch: a follow-up that knows part of the answer. */
  async run(key: K, fetch: Fetch<K, T>): Promise<boolean> {
    const ticket = ++this.#ticket;
    const current = () => ticket === this.#ticket;
    this.#key = { value: key };
    this.loading = true;
    try {
      // Called from an $effect, the fetch's own reads must not become the effect's dependencies.
      const data = await untrack(() => fetch(key, current));
      if (!current()) {
        this.options.ondiscard?.(data, key);
        return false;
      }
      const previous = this.data;
      this.data = data;
      this.error = null;
      this.loading = false;
      this.options.onload?.(data, key, previous);
      return true;
    } catch (reason) {
      if (!current()) return false;
      this.error = toCairnError(reason);
      this.loading = false;
      this.options.onerror?.(this.error, key);
      return false;
    }
  }

  /** Shows an answer the page already has (an edit returns the new state): any request still on
   *  its way was made before it and is dropped. */
  set(data: T): void {
    this.#ticket++;
    this.data = data;
    this.error = null;
    this.loading = false;
  }

  /** Drops the answer of any request still on its way. */
  cancel(): void {
    this.#ticket++;
    this.loading = false;
  }
}
