/**
 * The window of a feed: like most feeds, ours carry only the newest entries, so that a feed stays
 * the same size at 20,000 reports as at 200. Readers that want everything use /data/reports.csv
 * (every report) and the data-quality panels of the report pages (every finding).
 *
 * Assumes a feed's entries are its reports' entries concatenated in newest-first order (year
 * descending, then id), which is how src/views/feeds.ts builds both feeds.
 */
import type { CheckedReport } from '../reports/types.ts';
import type { FeedEntry } from './feeds.ts';

/** How many entries a feed carries at most: the newest ones. */
export const FEED_MAX_ENTRIES = 100;

/** Orders reports newest year first, then by id, as the feeds list them. */
function sortNewestFirst(reports: readonly CheckedReport[]): CheckedReport[] {
  return [...reports].sort((a, b) => b.meta.year - a.meta.year || (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
}

/**
 * Builds the newest `max` entries of a feed without building the rest: reports are taken newest
 * first, one at a time, until `max` entries are made. Gives the same entries as `build(all)` cut to `max`.
 */
export function buildNewestEntries(reports: readonly CheckedReport[], build: (reports: readonly CheckedReport[]) => FeedEntry[], max = FEED_MAX_ENTRIES): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const report of sortNewestFirst(reports)) {
    if (entries.length >= max) break;
    entries.push(...build([report]));
  }
  return entries.slice(0, max);
}
