/**
 * The order a sortable table's rows take when a column is sorted, without the DOM: numbers by value,
 * text by Chinese collation (pinyin), rows without a value last in either direction, ties in their
 * original order (the page's own order: the departments' declared order).
 */

/** How a column sorts. */
export type SortKind = 'number' | 'text';

/** Which way a column sorts. */
export type SortDirection = 'ascending' | 'descending';

/**
 * The Chinese collator, made on the first text sort, not when a page loads: Chromium takes 9–15 ms
 * to make one (ICU's zh collation data), a long task at load on a page with a sortable table
 * that a reader may never sort (place-departments lost Lighthouse points of total blocking time).
 */
let collator: Intl.Collator | undefined;

/** The collator text columns sort by, made on first use. */
function zhCollator(): Intl.Collator {
  collator ??= new Intl.Collator('zh-CN');
  return collator;
}

/**
 * The row indexes in sorted order, given each row's value in the sorted column (`''` or a text
 * that is not a number, for a number column: no value).
 */
export function orderRows(values: readonly string[], kind: SortKind, direction: SortDirection): number[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const keyed = values.map((raw, index) => {
    const number = kind === 'number' && raw.trim() !== '' ? Number(raw) : NaN;
    const missing = kind === 'number' ? !Number.isFinite(number) : raw === '';
    return { index, raw, number, missing };
  });
  return keyed
    .sort((a, b) => {
      if (a.missing !== b.missing) return a.missing ? 1 : -1;
      if (a.missing) return a.index - b.index;
      const c = kind === 'number' ? a.number - b.number : zhCollator().compare(a.raw, b.raw);
      return c * sign || a.index - b.index;
    })
    .map((k) => k.index);
}

/** The direction a click on a column's header sorts in: the other way when it is sorted already, else numbers largest first and text A–Z. */
export function nextDirection(current: string | null, kind: SortKind): SortDirection {
  if (current === 'descending') return 'ascending';
  if (current === 'ascending') return 'descending';
  return kind === 'number' ? 'descending' : 'ascending';
}
