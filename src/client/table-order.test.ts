import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextDirection, orderRows } from './table-order.ts';

describe('orderRows', () => {
  it('sorts numbers by value either way, rows without a value last both ways, ties in page order', () => {
    const values = ['12', '', '3', '12', '0.5', 'x'];
    expect(orderRows(values, 'number', 'descending')).toEqual([0, 3, 2, 4, 1, 5]);
    expect(orderRows(values, 'number', 'ascending')).toEqual([4, 2, 0, 3, 1, 5]);
  });

  it('sorts Chinese names by pinyin', () => {
    // 安 (an) < 北 (bei) < 中 (zhong)
    expect(orderRows(['中', '北', '安'], 'text', 'ascending')).toEqual([2, 1, 0]);
    expect(orderRows(['中', '', '安'], 'text', 'descending')).toEqual([0, 2, 1]);
  });
});

describe('nextDirection', () => {
  it('starts numbers largest first and text A–Z, then turns each way on every click', () => {
    expect(nextDirection(null, 'number')).toBe('descending');
    expect(nextDirection(null, 'text')).toBe('ascending');
    expect(nextDirection('descending', 'number')).toBe('ascending');
    expect(nextDirection('ascending', 'text')).toBe('descending');
  });
});

describe('the Chinese collator', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Making one costs Chromium 9–15 ms (ICU's zh collation data): not at load, where it was a long
  // task of every page with a sortable table, but on a reader's first sort of a text column.
  it('is made on the first text sort, not when the module loads nor for a number sort, and only once', async () => {
    vi.resetModules();
    const Real = Intl.Collator;
    // A constructor that returns the real collator, so `new` in the module gets a working one.
    const made = vi.spyOn(Intl, 'Collator').mockImplementation(function collator(...args: ConstructorParameters<typeof Intl.Collator>) {
      return new Real(...args);
    } as unknown as typeof Intl.Collator);
    const fresh = await import('./table-order.ts');
    expect(made).not.toHaveBeenCalled();
    expect(fresh.orderRows(['2', '10'], 'number', 'ascending')).toEqual([0, 1]);
    expect(made).not.toHaveBeenCalled();
    expect(fresh.orderRows(['中', '安'], 'text', 'ascending')).toEqual([1, 0]);
    expect(fresh.orderRows(['北', '安'], 'text', 'descending')).toEqual([0, 1]);
    expect(made).toHaveBeenCalledTimes(1);
  });
});
