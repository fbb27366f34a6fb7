import { describe, expect, it } from 'vitest';
import { findMedian, rankValues } from './rank-values.ts';

const item = (key: string, value: number | null, caution = false) => ({ key, value, caution });

describe('findMedian', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(findMedian([3, 1, 2])).toBe(2);
    expect(findMedian([4, 1, 3, 2])).toBe(2.5);
    expect(findMedian([])).toBeNull();
  });
});

describe('rankValues', () => {
  it('ranks the highest first and gives equal values one rank, the next rank skipping', () => {
    const r = rankValues([item('b', 0.5), item('d', 0.9), item('a', 0.5), item('c', 0.1)]);
    expect(r.ranked.map((x) => [x.item.key, x.rank])).toEqual([
      ['d', 1],
      ['a', 2],
      ['b', 2],
      ['c', 4],
    ]);
  });

  it('treats equal fractions of different bases as equal', () => {
    const r = rankValues([item('x', 1 / 3), item('y', 20 / 60), item('z', 0.2)]);
    expect(r.ranked.map((x) => x.rank)).toEqual([1, 1, 3]);
  });

  it('lists a value on a small base apart, whatever its size, and leaves it out of the median', () => {
    const r = rankValues([item('big', 0.4), item('tiny', 1, true), item('mid', 0.6), item('none', null)]);
    expect(r.ranked.map((x) => x.item.key)).toEqual(['mid', 'big']);
    expect(r.smallBase.map((x) => x.key)).toEqual(['tiny']);
    expect(r.missing.map((x) => x.key)).toEqual(['none']);
    expect(r.median).toBeCloseTo(0.5, 12);
  });

  it('keeps every item exactly once, with any extra fields', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: i % 7 === 0 ? null : (i * 37) % 11, caution: i % 5 === 0, name: `n${i}` }));
    const r = rankValues(items);
    const seen = [...r.ranked.map((x) => x.item), ...r.smallBase, ...r.missing];
    expect(seen.map((x) => x.key).sort()).toEqual(items.map((x) => x.key).sort());
    expect(seen.every((x) => x.name === `n${Number(x.key.slice(1))}`)).toBe(true);
    for (const { item: a, rank } of r.ranked) expect(rank).toBe(1 + r.ranked.filter((x) => (x.item.value as number) > (a.value as number)).length);
  });

  it('gives a value counted alone no rank and no median, though small bases and missing values stand beside it', () => {
    const r = rankValues([item('only', 0.3), item('tiny', 1, true), item('none', null)]);
    expect(r.ranked).toEqual([{ item: item('only', 0.3), rank: null }]);
    expect(r.median).toBeNull();
    expect(r.smallBase.map((x) => x.key)).toEqual(['tiny']);
    expect(rankValues([item('a', 0.3), item('b', 0.3)]).ranked.map((x) => x.rank)).toEqual([1, 1]);
  });

  it('gives no median when nothing is ranked', () => {
    expect(rankValues([item('a', 1, true)]).median).toBeNull();
  });
});
