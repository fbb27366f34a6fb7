/**
 * Lays out one PDF page's text runs as lines of spans, by geometry (pdfjs gives each run's x, y,
 * width and size; the page's drawing gives its ruling lines), the way pdfplumber and Camelot read
 * tables:
 *
 * - Ruled tables (lattice): horizontal and vertical rules that cross form a grid; cells are the grid's
 *   boxes, merged where a rule between two boxes is missing (merged header and label cells). Each grid
 *   row becomes one line with one span per grid column, a merged cell's text at its top-left box and
 *   empty spans at the boxes it covers (as the HTML reader does), so a label wrapped over several lines
 *   or a number centred in a tall cell is still one cell. A run is taken only when it stands whole inside
 *   its cell: text running past a cell's border, or a cell holding two numbers, is unreadable; a number
 *   printed over two lines of its cell is read joined but doubtful (kept only while the form's sums
 *   hold). A number beside the grid, level with one of its rows, is an unreadable cell of that row.
 * - Text outside a ruled grid (stream): runs grouped into lines by their baseline, left to right; a wide
 *   gap starts a new span, a narrow one becomes a space. Runs printed over one another are unreadable.
 *   A number printed over two lines of a borderless row (its digits pushed under it) is joined, doubtful.
 *
 * Text not wholly inside the page's visible box is marked cut by the caller and stays unreadable here.
 * Pure: no pdfjs, no I/O. Assumes horizontal text and axis-aligned rules (PDF y grows upwards).
 */

import { foldWidth } from './normalise-text.ts';
import type { Doubt } from './source-lines.ts';

/** One text run of a page, as pdfjs gives it: baseline origin, advance width and font size. */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
  /** Why the run is not wholly inside the page's visible box, if it is not. */
  readonly cut?: string;
  /** Why the run's reading is doubtful (a number joined from two lines). */
  readonly doubtful?: Doubt;
}

/** An axis-aligned line drawn on the page (a table rule): x0 ≤ x1, y0 ≤ y1, one of them degenerate. */
export interface Rule {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** One span of a laid-out line: its text, and why it cannot be read or where its place is doubtful. */
export interface PdfSpan {
  readonly raw: string;
  readonly unreadable?: string;
  readonly doubtful?: Doubt;
  /** On the last value of a table row cut by the page's right edge, its cells one per column: where it is cut. */
  readonly pastEdge?: string;
}

/** Rules closer than this (points) are one rule; ends closer than this join. */
const SNAP = 2;
/** How far (points) text may stand over its cell's side border: a rounding, never a glyph. */
const SIDE_TOLERANCE = 1;
/** The share of a glyph's height below the baseline and above it. */
const DESCENT = 0.15;
const ASCENT = 0.85;

/** A text run's box. */
function boxOf(run: TextRun): { x0: number; x1: number; y0: number; y1: number } {
  return { x0: run.x, x1: run.x + run.width, y0: run.y - run.size * DESCENT, y1: run.y + run.size * ASCENT };
}

/** Names where a run stands, for messages. */
function describePlace(page: number, run: TextRun): string {
  return `page ${page}, at x ${run.x.toFixed(0)}–${(run.x + run.width).toFixed(0)}, y ${run.y.toFixed(0)}`;
}

/** Merges rules of one orientation that lie on one line and overlap or nearly touch. */
function mergeRules(rules: readonly Rule[], horizontal: boolean): Rule[] {
  const at = (r: Rule): number => (horizontal ? r.y0 : r.x0);
  const from = (r: Rule): number => (horizontal ? r.x0 : r.y0);
  const to = (r: Rule): number => (horizontal ? r.x1 : r.y1);
  const sorted = [...rules].sort((a, b) => at(a) - at(b) || from(a) - from(b));
  const lines: { at: number; segs: { from: number; to: number }[] }[] = [];
  for (const r of sorted) {
    let line = lines.find((l) => Math.abs(l.at - at(r)) <= SNAP);
    if (!line) lines.push((line = { at: at(r), segs: [] }));
    line.segs.push({ from: from(r), to: to(r) });
  }
  const out: Rule[] = [];
  for (const line of lines) {
    line.segs.sort((a, b) => a.from - b.from);
    let cur: { from: number; to: number } | null = null;
    const flush = (): void => {
      if (cur) out.push(horizontal ? { x0: cur.from, x1: cur.to, y0: line.at, y1: line.at } : { x0: line.at, x1: line.at, y0: cur.from, y1: cur.to });
    };
    for (const s of line.segs) {
      if (cur && s.from <= cur.to + SNAP) cur.to = Math.max(cur.to, s.to);
      else {
        flush();
        cur = { ...s };
      }
    }
    flush();
  }
  return out;
}

/** A ruled table: its column and row boundaries and its cells (merged boxes). */
interface Grid {
  readonly xs: readonly number[];
  /** Row boundaries from the top down (descending y). */
  readonly ys: readonly number[];
  /** For each box `r * cols + c`, the index of its cell. */
  readonly cellOf: readonly number[];
  readonly cells: readonly { r0: number; c0: number; r1: number; c1: number; x0: number; x1: number; y0: number; y1: number }[];
}

/** Clusters sorted coordinates that lie within SNAP of each other; returns each cluster's mean. */
function clusterCoords(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1]! <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

/** How much of [a0, a1] a set of segments on one line covers. */
function coverage(segs: readonly { from: number; to: number }[], a0: number, a1: number): number {
  let covered = 0;
  for (const s of segs) covered += Math.max(0, Math.min(s.to, a1) - Math.max(s.from, a0));
  return a1 > a0 ? covered / (a1 - a0) : 0;
}

/** Finds the ruled tables of a page: groups of horizontal and vertical rules that cross, at least 2 × 2. */
export function findGrids(rules: readonly Rule[]): Grid[] {
  const h = mergeRules(rules.filter((r) => r.y1 - r.y0 <= SNAP && r.x1 - r.x0 > SNAP), true);
  const v = mergeRules(rules.filter((r) => r.x1 - r.x0 <= SNAP && r.y1 - r.y0 > SNAP), false);
  const all = [...h.map((r) => ({ r, horizontal: true })), ...v.map((r) => ({ r, horizontal: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  h.forEach((hr, i) => {
    v.forEach((vr, j) => {
      if (vr.x0 >= hr.x0 - SNAP && vr.x0 <= hr.x1 + SNAP && hr.y0 >= vr.y0 - SNAP && hr.y0 <= vr.y1 + SNAP) parent[find(i)] = find(h.length + j);
    });
  });
  const groups = new Map<number, typeof all>();
  all.forEach((item, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  const grids: Grid[] = [];
  for (const group of groups.values()) {
    const hs = group.filter((g) => g.horizontal).map((g) => g.r);
    const vs = group.filter((g) => !g.horizontal).map((g) => g.r);
    const xs = clusterCoords(vs.map((r) => r.x0));
    const ys = clusterCoords(hs.map((r) => r.y0)).reverse();
    if (xs.length < 2 || ys.length < 2) continue;
    // A table broken by a page often lacks the rule at the break: its side rules still bound the row.
    const top = Math.max(...vs.map((r) => r.y1));
    const bottom = Math.min(...vs.map((r) => r.y0));
    if (top > ys[0]! + 2 * SNAP) ys.unshift(top);
    if (bottom < ys[ys.length - 1]! - 2 * SNAP) ys.push(bottom);
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    const segsAt = (list: readonly Rule[], horizontal: boolean, at: number): { from: number; to: number }[] =>
      list.filter((r) => Math.abs((horizontal ? r.y0 : r.x0) - at) <= SNAP).map((r) => (horizontal ? { from: r.x0, to: r.x1 } : { from: r.y0, to: r.y1 }));
    const parentBox = Array.from({ length: rows * cols }, (_, i) => i);
    const findBox = (i: number): number => (parentBox[i] === i ? i : (parentBox[i] = findBox(parentBox[i]!)));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (c + 1 < cols && coverage(segsAt(vs, false, xs[c + 1]!), ys[r + 1]!, ys[r]!) < 0.5) parentBox[findBox(r * cols + c + 1)] = findBox(r * cols + c);
        if (r + 1 < rows && coverage(segsAt(hs, true, ys[r + 1]!), xs[c]!, xs[c + 1]!) < 0.5) parentBox[findBox((r + 1) * cols + c)] = findBox(r * cols + c);
      }
    }
    const index = new Map<number, number>();
    const cells: Grid['cells'][number][] = [];
    const cellOf: number[] = [];
    for (let i = 0; i < rows * cols; i++) {
      const root = findBox(i);
      const r = Math.floor(i / cols);
      const c = i % cols;
      let k = index.get(root);
      if (k === undefined) {
        k = cells.length;
        index.set(root, k);
        cells.push({ r0: r, c0: c, r1: r, c1: c, x0: xs[c]!, x1: xs[c + 1]!, y0: ys[r + 1]!, y1: ys[r]! });
      }
      const cell = cells[k]!;
      cells[k] = { r0: Math.min(cell.r0, r), c0: Math.min(cell.c0, c), r1: Math.max(cell.r1, r), c1: Math.max(cell.c1, c), x0: Math.min(cell.x0, xs[c]!), x1: Math.max(cell.x1, xs[c + 1]!), y0: Math.min(cell.y0, ys[r + 1]!), y1: Math.max(cell.y1, ys[r]!) };
      cellOf.push(k);
    }
    grids.push({ xs, ys, cellOf, cells });
  }
  return grids;
}

/** Groups runs into visual lines by baseline, each sorted left to right; lines from the top down. */
function groupLines(runs: readonly TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextRun[][] = [];
  for (const run of sorted) {
    const row = rows[rows.length - 1];
    const ref = row?.[0];
    if (row && ref && Math.abs(ref.y - run.y) <= Math.max(ref.size, run.size) * 0.45) row.push(run);
    else rows.push([run]);
  }
  for (const row of rows) row.sort((a, b) => a.x - b.x);
  return rows;
}

/** Whether two runs are printed over one another (more than a fifth of a character). */
function overlaps(a: TextRun, b: TextRun): boolean {
  return b.x < a.x + a.width - Math.min(a.size, b.size) * 0.2;
}

/** Splits one visual line into spans at wide gaps; runs printed over one another are unreadable. */
function splitSpans(page: number, row: readonly TextRun[]): PdfSpan[] {
  const spans: PdfSpan[] = [];
  let current = '';
  let unreadable: string | undefined;
  let doubtful: Doubt | undefined;
  let end = -Infinity;
  let prev: TextRun | null = null;
  const flush = (): void => {
    if (current) spans.push(unreadable ? { raw: current, unreadable } : doubtful ? { raw: current, doubtful } : { raw: current });
    current = '';
    unreadable = undefined;
    doubtful = undefined;
  };
  for (const run of row) {
    // The same text printed twice at (almost) one place is one text (a fake bold or a shadow).
    if (prev && prev.text === run.text && Math.abs(prev.x - run.x) < run.size * 0.2) continue;
    const gap = run.x - end;
    if (current && gap > run.size * 1.5) flush();
    current += current && gap > run.size * 0.25 ? ` ${run.text}` : run.text;
    unreadable ??= run.cut;
    doubtful ??= run.doubtful;
    if (prev && overlaps(prev, run)) unreadable ??= `the text is printed over other text (${describePlace(page, run)}): neither can be read whole`;
    end = Math.max(end, run.x + run.width);
    prev = run;
  }
  flush();
  return spans;
}

const DIGITS_END = /[\d,.]$/;
const DIGITS_START = /^[\d,.]/;
const LATIN_END = /[A-Za-z]$/;
const LATIN_START = /^[A-Za-z]/;
const NUMBER_PIECE = /\d/;

/** The text of one table cell from its runs, and what makes it unreadable or doubtful. */
function readCell(page: number, runs: readonly TextRun[]): PdfSpan {
  const lines = groupLines(runs).map((row) => splitSpans(page, row));
  const unreadable = lines.flat().find((s) => s.unreadable)?.unreadable;
  const texts = lines.map((spans) => spans.map((s) => s.raw).join(' '));
  let raw = '';
  let wrapped: Doubt | null = null;
  for (const t of texts) {
    if (raw && DIGITS_END.test(foldWidth(raw)) && DIGITS_START.test(foldWidth(t))) wrapped ??= { why: `the number is printed over ${texts.length} lines of its cell (${texts.map((x) => `“${x}”`).join(' above ')}), read joined as “${texts.join('')}”; the other reading is ${texts.length} numbers (page ${page})`, printed: texts.join(' ') };
    raw += raw && LATIN_END.test(raw) && LATIN_START.test(t) ? ` ${t}` : t;
  }
  if (unreadable) return { raw, unreadable };
  const numbers = raw.split(/\s+/).filter((p) => NUMBER_PIECE.test(foldWidth(p)) && /^[+\-\d,.]+$/.test(foldWidth(p)));
  if (numbers.length > 1) return { raw, unreadable: `one cell of the table holds ${numbers.length} numbers (${numbers.join(', ')}; page ${page}): which of them is this cell’s, if any, cannot be told` };
  return wrapped ? { raw, doubtful: wrapped } : { raw };
}

const NUMERIC_RUN = /^[+\-]?[\d,.]+$/;
/** What a value cell of a form table holds, as one reading: a number (signed, with a unit) or a mark. */
const CELL_VALUE = /^(?:(?:[+\-]|[增减]\s*)?\d[\d,]*(?:\.\d+)?\s*(?:\(?万?元\)?)?|\/|\\|-|—+|–|无|不适用)$/;
/** Whether a run's text is a number (digits full-width or not). */
function isNumericRun(text: string): boolean {
  return NUMERIC_RUN.test(foldWidth(text));
}
/** Whether a cell's text is one value or mark (digits full-width or not). */
function isCellValue(text: string): boolean {
  return CELL_VALUE.test(foldWidth(text));
}
/** How near the page's right edge (points) a cell's border may stand and the cell still count as on the page. */
const EDGE_MARGIN = 1;

/**
 * Marks the rows of a table that runs past the page's right edge. The cells of the column the edge cuts
 * are unreadable (their text may go on past the edge, or stand wholly past it). A row is marked (`pastEdge`
 * on its last value) only when its values can be told apart column by column: from the table's first value
 * column on, every cell one grid box, each whole one holding one value or mark, no value among its labels;
 * the reader then takes them as the first columns of the row and the rest as not on the page.
 */
function markCutRows(page: number, grid: Grid, rows: readonly { r: number; line: PdfSpan[] }[], rightEdge: number): void {
  const cols = grid.xs.length - 1;
  const edgeCol = grid.xs.findIndex((_, i) => i < cols && grid.xs[i + 1]! > rightEdge - EDGE_MARGIN);
  if (edgeCol < 0) return;
  const edgeMessage = `the table runs past the right edge of page ${page}: this cell is cut by the edge (x ${grid.xs[edgeCol]!.toFixed(0)}–${rightEdge.toFixed(0)}), what it holds may go on past it`;
  const single = (r: number, c: number): boolean => {
    const cell = grid.cells[grid.cellOf[r * cols + c]!]!;
    return cell.r0 === r && cell.r1 === r && cell.c0 === c && cell.c1 === c;
  };
  for (const { line } of rows) {
    const span = line[edgeCol];
    if (span?.raw && !span.unreadable) line[edgeCol] = { raw: span.raw, unreadable: edgeMessage };
  }
  // The table's first value column: the leftmost column holding a value (the reader checks that the
  // table's heading names the columns read, in order).
  let first = Infinity;
  for (const { r, line } of rows) {
    const c = line.findIndex((s, k) => s.raw && isCellValue(s.raw) && single(r, k));
    if (c >= 0) first = Math.min(first, c);
  }
  if (first >= edgeCol) return;
  for (const { r, line } of rows) {
    if (line.slice(0, first).some((s) => isCellValue(s.raw))) continue;
    let ok = true;
    for (let c = first; c <= edgeCol && ok; c++) {
      const raw = line[c]!.raw;
      ok = single(r, c) && (raw ? isCellValue(raw) : c === edgeCol);
    }
    if (!ok) continue;
    const last = line[edgeCol]!.raw ? edgeCol : edgeCol - 1;
    line[last] = { ...line[last]!, pastEdge: `the table runs past the right edge of page ${page}: the row’s cells right of x ${grid.xs[edgeCol]!.toFixed(0)} are cut by the edge or not on the page` };
  }
}

/** Whether two runs stand in one column: they overlap by half the narrower one. */
function stacked(a: TextRun, b: TextRun): boolean {
  const overlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  return overlap >= Math.min(a.width, b.width) * 0.5;
}

/**
 * Joins a number printed over two lines of a borderless table: a line holding only numbers whose run
 * stands right under a number less than 1.6 lines above it continues that number (6 above 117 in a
 * narrow cell, the row's other values centred between them or level with the first part), when a line
 * between them (or the first part's) holds more of the row's values than the line of the second part;
 * a list of numbers one per line is never joined. The joined run stands on the line of the row's other
 * values and is doubtful, both readings named.
 */
function joinWrappedNumbers(page: number, lines: TextRun[][]): TextRun[][] {
  const baselines = lines.map((l) => l[0]!.y);
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (!line.every((r) => isNumericRun(r.text))) continue;
    for (const lower of [...line]) {
      for (let u = k - 1; u >= 0; u--) {
        const upperLine = lines[u]!;
        if (baselines[u]! - lower.y > lower.size * 1.6) break;
        const upper = upperLine.find((r) => isNumericRun(r.text) && !r.cut && stacked(r, lower));
        if (!upper) continue;
        // The joined number goes where the row's other values stand: the line with the most numbers, nearest the middle.
        // Only inside a row of several values: a column of numbers one per line (a list) is never joined.
        const mid = (upper.y + lower.y) / 2;
        const numbers = (m: number): number => lines[m]!.filter((r) => r !== upper && isNumericRun(r.text)).length;
        let home = u;
        for (let m = u + 1; m < k; m++) {
          if (numbers(m) > numbers(home) || (numbers(m) === numbers(home) && Math.abs(baselines[m]! - mid) < Math.abs(baselines[home]! - mid) - 0.5)) home = m;
        }
        if (numbers(home) < 2 || numbers(home) <= line.length) continue;
        const joined: TextRun = {
          ...upper,
          text: `${upper.text}${lower.text}`,
          width: Math.max(upper.width, lower.width),
          y: baselines[home]!,
          ...(lower.cut ? { cut: lower.cut } : {}),
          doubtful: { why: `a number is printed over two lines (“${upper.text}” above “${lower.text}”, page ${page}, x ${upper.x.toFixed(0)}): read joined as “${upper.text}${lower.text}”; the other reading is two numbers`, printed: `${upper.text} ${lower.text}` },
        };
        upperLine.splice(upperLine.indexOf(upper), 1);
        line.splice(line.indexOf(lower), 1);
        lines[home]!.push(joined);
        lines[home]!.sort((a, b) => a.x - b.x);
        break;
      }
    }
  }
  return lines.filter((l) => l.length > 0);
}

/**
 * Reads the numbers of three borderless lines, each less than 1.6 lines from the middle one, where
 * numbers of the top and bottom lines stand one above the other and the middle line's numbers stand in
 * other columns, none above or below one of theirs: the shape of a row whose cells are centred, some
 * printed over two lines (３５ above ６) and the others on one line half-way between (as LibreOffice Writer
 * prints a borderless table's narrow cells), when the parts are too many to be joined by
 * joinWrappedNumbers. Read in order they gave numbers the page does not print (６ for ３５６, the next
 * cell's ６３１ in its place), some rows still adding up.
 *
 * Where every number of the top line stands over exactly one of the bottom line and each of those under
 * exactly one of the top line (each pair one cell's column), and no line is shared with another such
 * shape, each pair is joined top then bottom into one number on the middle line, in its column's place,
 * doubtful with `confirm`: it is published only when the form's sums confirm it. Otherwise every number
 * of the three lines is unreadable (a diagnostic naming page and place): which piece belongs to which
 * cell cannot be told.
 */
function readInterleavedNumbers(page: number, lines: readonly TextRun[][]): TextRun[][] {
  const numbers = lines.map((l) => l.filter((r) => isNumericRun(r.text) && !r.cut));
  const apart = (x: readonly TextRun[], y: readonly TextRun[]): boolean => x.every((r) => !y.some((o) => stacked(r, o)));
  const near = (x: number, y: number): boolean => Math.abs(lines[x]![0]!.y - lines[y]![0]!.y) < Math.max(lines[x]![0]!.size, lines[y]![0]!.size) * 1.6;
  const shapes: [number, number, number][] = [];
  for (let m = 1; m + 1 < lines.length; m++) {
    if (!numbers[m]!.length) continue;
    for (let a = m - 1; a >= 0 && near(a, m); a--) {
      for (let c = m + 1; c < lines.length && near(c, m); c++) {
        const top = numbers[a]!, bottom = numbers[c]!;
        if (top.length && bottom.length && top.some((r) => bottom.some((o) => stacked(r, o))) && apart(numbers[m]!, top) && apart(numbers[m]!, bottom)) shapes.push([a, m, c]);
      }
    }
  }
  const uses = new Map<number, number>();
  for (const shape of shapes) for (const k of shape) uses.set(k, (uses.get(k) ?? 0) + 1);
  const marked = lines.map(() => false);
  const out = lines.map((l) => [...l]);
  for (const [a, m, c] of shapes) {
    const top = numbers[a]!, bottom = numbers[c]!;
    const pairs = top.map((t) => ({ t, under: bottom.filter((b) => stacked(t, b)) }));
    const oneToOne =
      [a, m, c].every((k) => uses.get(k) === 1) &&
      [a, m, c].every((k) => !lines[k]!.some((r) => r.cut)) &&
      pairs.every((p) => p.under.length === 1) &&
      bottom.every((b) => top.filter((t) => stacked(t, b)).length === 1);
    if (!oneToOne) {
      marked[a] = marked[m] = marked[c] = true;
      continue;
    }
    for (const { t, under } of pairs) {
      const b = under[0]!;
      const x = Math.min(t.x, b.x);
      out[a]!.splice(out[a]!.indexOf(t), 1);
      out[c]!.splice(out[c]!.indexOf(b), 1);
      out[m]!.push({
        text: `${t.text}${b.text}`,
        x,
        width: Math.max(t.x + t.width, b.x + b.width) - x,
        y: lines[m]![0]!.y,
        size: t.size,
        doubtful: {
          why: `the number is printed over two lines of a borderless table (“${t.text}” above “${b.text}”, page ${page}, x ${x.toFixed(0)}), the row's other values on one line between them; read joined as “${t.text}${b.text}” by its column`,
          printed: `${t.text} ${b.text}`,
          confirm: true,
        },
      });
    }
    out[m]!.sort((p, q) => p.x - q.x);
  }
  return out
    .map((line, k) =>
      marked[k]
        ? line.map((r) => (numbers[k]!.includes(r) ? { ...r, cut: `numbers stand on three lines less than two lines apart in different columns, as where some cells of a row print their number over two lines and others between them (${describePlace(page, r)}): which cell “${r.text}” belongs to, and whether it is a whole number, cannot be told` } : r))
        : line,
    )
    .filter((l) => l.length > 0);
}

/** Lays out one page: ruled tables as rows of cells, other text as lines, from the top of the page down. */
export function layoutPage(page: number, runs: readonly TextRun[], rules: readonly Rule[], rightEdge = Infinity): PdfSpan[][] {
  const grids = findGrids(rules);
  const inGrid: TextRun[][][] = grids.map((g) => g.cells.map(() => []));
  const loose: TextRun[] = [];
  const besideGrid: { g: number; r: number; side: 'left' | 'right'; span: PdfSpan }[] = [];
  const blocks: { top: number; lines: PdfSpan[][] }[] = [];
  for (const run of runs) {
    const b = boxOf(run);
    const cx = (b.x0 + b.x1) / 2;
    const cy = (b.y0 + b.y1) / 2;
    const g = grids.findIndex((grid) => cx >= grid.xs[0]! && cx <= grid.xs[grid.xs.length - 1]! && cy <= grid.ys[0]! && cy >= grid.ys[grid.ys.length - 1]!);
    if (g < 0) {
      const into = grids.find((grid) => b.x1 > grid.xs[0]! + SIDE_TOLERANCE && b.x0 < grid.xs[grid.xs.length - 1]! - SIDE_TOLERANCE && b.y1 > grid.ys[grid.ys.length - 1]! + SIDE_TOLERANCE && b.y0 < grid.ys[0]! - SIDE_TOLERANCE);
      // A number beside a ruled table, level with one of its rows, is read with that row, in its place, as unreadable.
      const beside = into ? -1 : /\d/.test(foldWidth(run.text)) ? grids.findIndex((grid) => cy <= grid.ys[0]! && cy >= grid.ys[grid.ys.length - 1]!) : -1;
      if (beside >= 0) {
        const grid = grids[beside]!;
        const r = grid.ys.findIndex((y, i) => i + 1 < grid.ys.length && cy <= y && cy >= grid.ys[i + 1]!);
        const side = cx < grid.xs[0]! ? 'left' : 'right';
        besideGrid.push({ g: beside, r, side, span: { raw: run.text, unreadable: `the number stands outside the table’s cells, ${side} of the table (${describePlace(page, run)}): whose value it is cannot be told` } });
        continue;
      }
      loose.push(into && !run.cut ? { ...run, cut: `the text runs into a ruled table from outside it (${describePlace(page, run)})` } : run);
      continue;
    }
    const grid = grids[g]!;
    const c = grid.xs.findIndex((x, i) => i + 1 < grid.xs.length && cx >= x && cx <= grid.xs[i + 1]!);
    const r = grid.ys.findIndex((y, i) => i + 1 < grid.ys.length && cy <= y && cy >= grid.ys[i + 1]!);
    const k = grid.cellOf[r * (grid.xs.length - 1) + c]!;
    const cell = grid.cells[k]!;
    const whole = b.x0 >= cell.x0 - SIDE_TOLERANCE && b.x1 <= cell.x1 + SIDE_TOLERANCE && b.y0 >= cell.y0 - run.size * 0.3 && b.y1 <= cell.y1 + run.size * 0.3;
    inGrid[g]![k]!.push(whole || run.cut ? run : { ...run, cut: `the text runs past the border of its table cell (${describePlace(page, run)}): it may be only part of what is printed, or part of the next cell` });
  }
  grids.forEach((grid, g) => {
    const cols = grid.xs.length - 1;
    const rows: { r: number; line: PdfSpan[] }[] = [];
    for (let r = 0; r + 1 < grid.ys.length; r++) {
      const line: PdfSpan[] = [];
      for (let c = 0; c < cols; c++) {
        const k = grid.cellOf[r * cols + c]!;
        const cell = grid.cells[k]!;
        const runsIn = inGrid[g]![k]!;
        line.push(cell.r0 === r && cell.c0 === c && runsIn.length > 0 ? readCell(page, runsIn) : { raw: '' });
      }
      rows.push({ r, line });
    }
    markCutRows(page, grid, rows, rightEdge);
    const lines: PdfSpan[][] = [];
    for (const { r, line } of rows) {
      const beside = besideGrid.filter((x) => x.g === g && x.r === r);
      line.unshift(...beside.filter((x) => x.side === 'left').map((x) => x.span));
      line.push(...beside.filter((x) => x.side === 'right').map((x) => x.span));
      if (line.some((s) => s.raw)) lines.push(line);
    }
    blocks.push({ top: grid.ys[0]!, lines });
  });
  for (const row of readInterleavedNumbers(page, joinWrappedNumbers(page, groupLines(loose)))) blocks.push({ top: row[0]!.y + row[0]!.size * ASCENT, lines: [splitSpans(page, row)] });
  return blocks.sort((a, b) => b.top - a.top).flatMap((b) => b.lines);
}
