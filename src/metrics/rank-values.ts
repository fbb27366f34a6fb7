/**
 * The one ranking rule of the site, for any list of comparable items (the governments of a level,
 * the departments of a kind): a value on a base large enough is ranked, highest first, and equal
 * values share a rank (1, 2, 2, 4); a value on a small base (the metric's cautionBelow) is never
 * ranked or counted in a median but listed apart, so a county with 1 case of 1 cannot come first;
 * an item without a value is listed last with its reason. A rank and a median need two counted
 * values: one value alone (the only provincial report, the only 教育局 of its level) keeps its place
 * in `ranked` but has no rank, since 第 1 名 among one reads as coming first. Assumes items are
 * distinct by `key`.
 */
/** What the rule needs of an item. */
export interface Rankable {
  /** Stable and unique among the items (a jurisdiction code, a publisher key): orders ties. */
  readonly key: string;
  /** Null when it cannot be computed. */
  readonly value: number | null;
  /** The value stands on a base below the metric's threshold. */
  readonly caution: boolean;
}

/** An item with its rank: 1 = the highest value; equal values share a rank; null when it is counted alone. */
export interface Ranked<T> {
  readonly item: T;
  readonly rank: number | null;
}

/** Items split by the ranking rule. */
export interface Ranking<T> {
  /** Values on a large enough base, highest first, ties by key. */
  readonly ranked: readonly Ranked<T>[];
  /** Values on a small base, listed apart (not ranked), by key. */
  readonly smallBase: readonly T[];
  /** Items without a value, by key. */
  readonly missing: readonly T[];
  /** The median of the ranked values; null when fewer than two are counted. */
  readonly median: number | null;
}

/** The median of numbers (mean of the middle two for an even count); null for none. */
export function findMedian(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Orders items by key. */
function byKey(a: Rankable, b: Rankable): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Splits items into ranked, small-base and missing, and ranks the first (see the module comment). */
export function rankValues<T extends Rankable>(items: readonly T[]): Ranking<T> {
  const counted = items.filter((i) => i.value !== null && !i.caution).sort((a, b) => (b.value as number) - (a.value as number) || byKey(a, b));
  const ranked: Ranked<T>[] = [];
  counted.forEach((item, n) => {
    const before = ranked[n - 1];
    ranked.push({ item, rank: counted.length < 2 ? null : before && before.item.value === item.value ? before.rank : n + 1 });
  });
  return {
    ranked,
    smallBase: items.filter((i) => i.value !== null && i.caution).sort(byKey),
    missing: items.filter((i) => i.value === null).sort(byKey),
    median: counted.length < 2 ? null : findMedian(counted.map((i) => i.value as number)),
  };
}
