import { describe, expect, it } from 'vitest';
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
