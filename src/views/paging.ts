/**
 * Lists cut into numbered pages (a year's reports on /years/<year>/ and /data/<year>/): how many
 * pages a list takes, the items of one page, and the links between the pages.
 */
import type { Link } from './report-view.ts';

/** A link to one page of a list; `current` marks the page it is shown on. */
export type PagerLink = Link & { readonly current: boolean };

/** One page of a list: its items, the position of its first item (from 0), and the list's page count. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly from: number;
  readonly pages: number;
}

/** Counts the pages `total` items take at `perPage` a page (at least one, for an empty list too). */
export function countPages(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Takes page `page` (from 1) of a list; null for a page the list does not have. */
export function slicePage<T>(all: readonly T[], page: number, perPage: number): ListPage<T> | null {
  const pages = countPages(all.length, perPage);
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  const from = (page - 1) * perPage;
  return { items: all.slice(from, from + perPage), from, pages };
}

/** The links to every page of a list, page `page` marked current; none when the list has one page. */
export function buildPager(pages: number, page: number, pathOf: (page: number) => string): PagerLink[] {
  return pages > 1 ? Array.from({ length: pages }, (_, i) => ({ href: pathOf(i + 1), text: String(i + 1), current: i + 1 === page })) : [];
}
