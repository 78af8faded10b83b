// Weights as people edit them: sliders that always sum to 100 %, and pairwise judgements on
// Saaty's scale in words. The weights every method uses are computed in Rust; these helpers
// only keep the editors consistent while the CIO drags.
import type { JudgementDto } from "../../bindings/JudgementDto";

/** Saaty's scale in words, by intensity 1–9. */
export const SAATY_WORDS = [
  "",
  "equally important",
  "equally to moderately more important",
  "moderately more important",
  "moderately to strongly more important",
  "strongly more important",
  "strongly to very strongly more important",
  "very strongly more important",
  "very strongly to extremely more important",
  "extremely more important",
] as const;

/**
 * Sets weight `index` to `value` (percent, 0–100) and rescales the others in proportion so the
 * total stays 100 (spread evenly when they were all zero). One decimal; the rounding remainder
 * goes to the largest other weight so the sum is exactly 100.0.
 */
export function rebalance(weights: number[], index: number, value: number): number[] {
  const n = weights.length;
  if (n === 0 || index < 0 || index >= n) return [...weights];
  if (n === 1) return [100];
  const v = Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0));
  const others = weights.reduce((s, w, k) => (k === index ? s : s + Math.max(0, w)), 0);
  const rest = 100 - v;
  const out = weights.map((w, k) => {
    if (k === index) return round1(v);
    return round1(others > 0 ? (Math.max(0, w) / others) * rest : rest / (n - 1));
  });
  const drift = round1(100 - out.reduce((s, w) => s + w, 0));
  if (drift !== 0) {
    let largest = index === 0 ? 1 : 0;
    out.forEach((w, k) => {
      if (k !== index && w > (out[largest] ?? 0)) largest = k;
    });
    out[largest] = round1((out[largest] ?? 0) + drift);
  }
  return out;
}

/** Scales weights (any total) to percentages summing to exactly 100.0. */
export function toPercentages(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (weights.length === 0) return [];
  if (total <= 0) return rebalance(weights.map(() => 0), 0, 100 / weights.length);
  const first = (Math.max(0, weights[0] ?? 0) / total) * 100;
  return rebalance(
    weights.map((w) => (Math.max(0, w) / total) * 100),
    0,
    first,
  );
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * A pair's position on a slider from −8 to 8: 0 is equal; k > 0 means `a` is k + 1 times as
 * important as `b`; k < 0 means `b` is −k + 1 times as important as `a`.
 */
export function pairPosition(judgements: JudgementDto[], a: string, b: string): number {
  for (const j of judgements) {
    if (j.more === a && j.less === b) return j.intensity - 1;
    if (j.more === b && j.less === a) return -(j.intensity - 1);
  }
  return 0;
}

/** The judgements with the pair (a, b) set to slider position `position`. */
export function setPair(judgements: JudgementDto[], a: string, b: string, position: number): JudgementDto[] {
  const rest = judgements.filter((j) => !((j.more === a && j.less === b) || (j.more === b && j.less === a)));
  const p = Math.max(-8, Math.min(8, Math.round(position)));
  if (p === 0) return rest;
  return [...rest, p > 0 ? { more: a, less: b, intensity: p + 1 } : { more: b, less: a, intensity: -p + 1 }];
}

/** "Security is moderately more important than Cost". */
export function pairSentence(aName: string, bName: string, position: number): string {
  if (position === 0) return `${aName} and ${bName} are equally important`;
  const [more, less, k] = position > 0 ? [aName, bName, position + 1] : [bName, aName, -position + 1];
  return `${more} is ${SAATY_WORDS[k]} than ${less}`;
}

/** Every unordered pair of ids, in the order an upper-triangle editor lists them. */
export function pairs(ids: string[]): [string, string][] {
  const out: [string, string][] = [];
  ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => out.push([a, b])));
  return out;
}
