/**
 * The progress line of a run over many files, for a terminal: a bar, the count and the file being
 * read, cut to the terminal's width (CJK characters count two columns). Pure.
 */

/** The columns a text takes in a terminal: East Asian wide characters take two. */
function measureColumns(text: string): number {
  let n = 0;
  for (const c of text) n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(c) ? 2 : 1;
  return n;
}

/** Cuts a text to at most `columns` terminal columns, marking the cut with … at its start. */
function cutToColumns(text: string, columns: number): string {
  if (measureColumns(text) <= columns) return text;
  const chars = [...text];
  while (chars.length && measureColumns(`…${chars.join('')}`) > columns) chars.shift();
  return `…${chars.join('')}`;
}

/** One progress line: `[#####·····] 12/40 name`, no wider than `width` columns. */
export function formatProgressBar(done: number, total: number, name: string, width: number): string {
  const cells = 20;
  const filled = total > 0 ? Math.round((done / total) * cells) : cells;
  const head = `[${'#'.repeat(filled)}${'·'.repeat(cells - filled)}] ${done}/${total} `;
  return `${head}${cutToColumns(name, Math.max(0, width - head.length - 1))}`;
}
