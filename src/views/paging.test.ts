import { describe, expect, it } from 'vitest';
import { buildPager, countPages, slicePage } from './paging.ts';

describe('paging', () => {
  const list = Array.from({ length: 7 }, (_, i) => i);

  it('counts at least one page, and a page more for a remainder', () => {
    expect([countPages(0, 3), countPages(3, 3), countPages(7, 3)]).toEqual([1, 1, 3]);
  });

  it('takes a page with its first position, and refuses pages the list does not have', () => {
    expect(slicePage(list, 3, 3)).toEqual({ items: [6], from: 6, pages: 3 });
    expect(slicePage([], 1, 3)).toEqual({ items: [], from: 0, pages: 1 });
    expect([slicePage(list, 0, 3), slicePage(list, 4, 3), slicePage(list, 1.5, 3)]).toEqual([null, null, null]);
  });

  it('links every page with the current one marked, and nothing for a single page', () => {
    expect(buildPager(3, 2, (n) => `/p/${n}/`)).toEqual([
      { href: '/p/1/', text: '1', current: false },
      { href: '/p/2/', text: '2', current: true },
      { href: '/p/3/', text: '3', current: false },
    ]);
    expect(buildPager(1, 1, (n) => `/p/${n}/`)).toEqual([]);
  });
});
