/**
 * Makes every `table[data-sortable]` sortable: each header with `data-sort-kind` gets a button that
 * sorts the rows by that column's `data-sort` values (see table-order.ts) and marks the header with
 * `aria-sort`. Without JavaScript the table stays a plain table in the page's order.
 */
import { nextDirection, orderRows, type SortKind } from './table-order.ts';

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
  const body = table.tBodies[0];
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
  if (!body) continue;
  headers.forEach((th, column) => {
    const kind = th.dataset.sortKind as SortKind | undefined;
    if (kind !== 'number' && kind !== 'text') return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const direction = nextDirection(th.getAttribute('aria-sort'), kind);
      const rows = [...body.rows];
      const values = rows.map((row) => row.cells[column]?.dataset.sort ?? '');
      for (const i of orderRows(values, kind, direction)) body.append(rows[i]!);
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', direction);
    });
  });
}
