/**
 * PDF tables read by their geometry, fuzzed: reports laid out as pages (ruled or borderless grids,
 * merged cells, wrapped labels, numbers centred or aligned, portrait or landscape, a table broken
 * across pages with or without its header and the rule at the break), then moved as real files move
 * them: a number's digits pushed to the next line, the page edge cutting the table, a column's text
 * shifted, the table split over pages. Whatever happens, no value is read that the page does not show
 * whole in its cell: every value read is the printed one, or there is none (with an error).
 */
import { describe, expect, it } from 'vitest';
import { extractInput } from './extract-input.ts';
import { layoutReport, type LaidReport, type LayoutOptions } from './fixtures/layout-pdf.ts';
import { createRandom, drawF2021Values, drawInt, readCorpusValues, type ReportValues } from './fixtures/report-values.ts';
import { buildPlacedPdf } from './fixtures/write-pdf.ts';
import { buildIngestJson } from './ingest-json.ts';
import { parseReportLines } from './parse-report.ts';
import { CORPUS_IDS, readExpected, readJurisdictions } from './fixtures/test-support.ts';
import type { PrintStyle } from './fixtures/printed-tables.ts';

const jurisdictions = readJurisdictions();
const STYLE: PrintStyle = { fullWidth: false, wording: true, signs: 'ascii', units: 'attached', halfWidthBrackets: false };

/** Multiplies a generated report's counts (sums still hold), for numbers of five to seven digits. */
function scaleCounts(v: ReportValues, k: number): ReportValues {
  const cells = Object.fromEntries(Object.entries(v.cells).map(([t, rows]) => [t, Object.fromEntries(Object.entries(rows).map(([r, cols]) => [r, Object.fromEntries(Object.entries(cols).map(([c, x]) => [c, t === 'active' || x === null ? x : x * k]))]))])) as ReportValues['cells'];
  return { ...v, cells };
}

const SEEDS: { name: string; values: ReportValues }[] = [
  ...CORPUS_IDS.map((id) => ({ name: id, values: readCorpusValues(readExpected(id)) })),
  { name: 'F2021 small', values: drawF2021Values(41, '230881', '同江市', 2022) },
  { name: 'F2021 ×313', values: scaleCounts(drawF2021Values(42, '231000', '牡丹江市', 2023), 313) },
];

/** Ingests a laid-out report written as a PDF. */
async function ingestLaid(laid: LaidReport) {
  const bytes = buildPlacedPdf(laid.pages, laid.width, laid.height);
  const extraction = await extractInput('fuzzed.pdf', bytes);
  if (process.env.DEBUG_FUZZ && extraction.ok) console.log(extraction.lines.map((l) => l.spans.map((s) => `${s.raw}${s.unreadable ? '⟨unreadable⟩' : ''}${s.doubtful ? '⟨doubtful⟩' : ''}${s.pastEdge ? '⟨edge⟩' : ''}`).join(' | ')).join('\n'));
  if (!extraction.ok) return { failure: `${extraction.rule}: ${extraction.message}` } as const;
  const result = parseReportLines('fuzzed.pdf', extraction.lines, jurisdictions);
  if (!result.ok) return { failure: result.diagnostics.map((d) => `${d.rule}: ${d.message}`).join('; ') } as const;
  return { report: result.report, json: buildIngestJson(result.report) } as const;
}

/** Compares what was read with what the report prints: values that differ, and cells left without a value. */
function compare(json: ReturnType<typeof buildIngestJson>, values: ReportValues): { wrong: string[]; missing: string[] } {
  const wrong: string[] = [];
  const missing: string[] = [];
  for (const [t, rows] of Object.entries(values.cells)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, want] of Object.entries(cols)) {
        const got = (json.tables as Record<string, Record<string, Record<string, number | null>>>)[t]?.[row]?.[col] ?? null;
        if (got === null && want !== null) missing.push(`${t}.${row}.${col}`);
        else if (got !== want) wrong.push(`${t}.${row}.${col}: printed ${want}, read ${got}`);
      }
    }
  }
  return { wrong, missing };
}

/** Layouts whose pages show every cell whole: each must be read completely. */
const WHOLE: LayoutOptions[] = [
  {},
  { landscape: true },
  { align: 'right', valign: 'top' },
  { align: 'left', valign: 'bottom' },
  { breakAt: 6, repeatHeader: true },
  { breakAt: 11, breakRule: false },
  { breakAt: 3, repeatHeader: true, breakRule: false, landscape: true },
  { ruled: false },
  { ruled: false, landscape: true, valign: 'top' },
  { ruled: false, breakAt: 8, repeatHeader: true },
];

describe('PDF tables laid out by geometry', () => {
  it.each(SEEDS.flatMap((s) => WHOLE.map((o) => [`${s.name} ${JSON.stringify(o)}`, s, o] as const)))('%s: every cell read, none wrong', async (_, seed, options) => {
    const laid = layoutReport(seed.values, STYLE, 7, options);
    const read = await ingestLaid(laid);
    expect(read.failure).toBeUndefined();
    if (!read.json) return;
    const { wrong, missing } = compare(read.json, seed.values);
    expect(wrong).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('reads 同江市 2020 as printed, its broken sums flagged, from a ruled and a borderless PDF', async () => {
    for (const ruled of [true, false]) {
      const values = readCorpusValues(readExpected('230881-2020'));
      const read = await ingestLaid(layoutReport(values, STYLE, 3, { ruled }));
      if (!read.report) throw new Error(read.failure);
      expect(compare(read.json, values)).toEqual({ wrong: [], missing: [] });
      expect(read.report.diagnostics.filter((d) => /^T3-/.test(d.rule)).length).toBeGreaterThan(0);
      expect(read.report.diagnostics.some((d) => d.rule === 'doubtful-cell')).toBe(false);
    }
  });

  /** A borderless table 三 where, in three rows, four cells of two digits or more print their number over two lines (centred), the row's other cells on one line between. */
  function interleaved(values: ReportValues): { picked: number[]; wrapped: { table: number; row: number; value: number; at: number }[] } {
    const rows = values.form.tables.requests.rows;
    const long = rows.map((r) => r.columns.map((c, i) => (String(values.cells.requests[r.code]![c]).length > 1 ? i : -1)).filter((i) => i >= 0));
    const picked = rows.map((_, i) => i).filter((i) => long[i]!.length >= 4).slice(0, 3);
    expect(picked.length).toBe(3);
    return { picked, wrapped: picked.flatMap((row) => long[row]!.slice(-4).map((value) => ({ table: 1, row, value, at: 1 }))) };
  }

  it.each([false, true])('reads a borderless row whose centred cells print some numbers over two lines and others between them, each joined by its column, when the sums confirm it (full-width digits: %s)', async (fullWidth) => {
    // As LibreOffice Writer prints a borderless HTML table with narrow columns (３５ above ６, 491 and 78 on the
    // line between): read in order, the pieces gave numbers the page does not print, some rows still adding up.
    const values = scaleCounts(drawF2021Values(42, '231000', '牡丹江市', 2023), 313);
    const { wrapped } = interleaved(values);
    const read = await ingestLaid(layoutReport(values, { ...STYLE, fullWidth }, 5, { ruled: false, valign: 'middle', wrapped }));
    if (!read.report) throw new Error(read.failure);
    const { wrong, missing } = compare(read.json, values);
    expect(wrong).toEqual([]);
    const rows = values.form.tables.requests.rows;
    const joined = wrapped.map((w) => `requests.${rows[w.row]!.code}.${rows[w.row]!.columns[w.value]}`);
    // ASCII digits: every row has the shape (and is read); full-width digits, wider, run some rows'
    // one-line values into the line of the parts, a shape that cannot be told apart: those stay unread.
    if (!fullWidth) expect(missing).toEqual([]);
    expect(joined.filter((k) => !missing.includes(k)).length).toBeGreaterThanOrEqual(4);
    const errors = read.report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    for (const key of missing) expect(errors.some((m) => m.includes(`(${key.split('.')[1]})`) || m.includes(key)), key).toBe(true);
  });

  it.each([false, true])('publishes no number so joined that the sums do not confirm, each named with the pieces as printed (full-width digits: %s)', async (fullWidth) => {
    // The same rows, the last wrapped number printed 1 higher than the sums allow (a report's own mistake): the sums
    // that cell is in break, so neither it nor the joined cells those sums were to confirm are published.
    const values = scaleCounts(drawF2021Values(42, '231000', '牡丹江市', 2023), 313);
    const { wrapped } = interleaved(values);
    const rows = values.form.tables.requests.rows;
    const first = wrapped.at(-1)!;
    const column = rows[first.row]!.columns[first.value]!;
    const cells = values.cells.requests[rows[first.row]!.code]!;
    cells[column] = cells[column]! + 1;
    const read = await ingestLaid(layoutReport(values, { ...STYLE, fullWidth }, 5, { ruled: false, valign: 'middle', wrapped }));
    if (!read.report) throw new Error(read.failure);
    const { wrong, missing } = compare(read.json, values);
    expect(wrong).toEqual([]);
    expect(missing).toContain(`requests.${rows[first.row]!.code}.${column}`);
    const doubtful = read.report.diagnostics.filter((d) => d.rule === 'doubtful-cell').map((d) => d.message);
    const broken = `requests.${rows[first.row]!.code}.${column}`;
    expect(doubtful.some((m) => m.startsWith(`${broken} would be `) && /above/.test(m) && /do not hold with that reading.*not published/.test(m))).toBe(true);
    const errors = read.report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    for (const key of missing) expect(errors.some((m) => m.includes(`(${key.split('.')[1]})`) || m.includes(key)), key).toBe(true);
  });

  it('does not publish a number printed over two lines whose reading breaks the sums: both readings named', async () => {
    // 同江市 2020's 总计 of 申请 breaks T3-A as printed; printed over two lines, it is doubtful too.
    const values = readCorpusValues(readExpected('230881-2020'));
    const row = values.form.tables.requests.rows.findIndex((r) => r.code === 'received_new');
    const total = values.form.tables.requests.rows[row]!.columns.length - 1;
    for (const ruled of [true, false]) {
      const read = await ingestLaid(layoutReport(values, STYLE, 3, { ruled, wrapped: [{ table: 1, row, value: total, at: 1 }] }));
      if (!read.report) throw new Error(read.failure);
      expect(read.json.tables.requests.received_new?.total).toBeNull();
      const review = read.report.diagnostics.find((d) => d.rule === 'doubtful-cell');
      expect(review?.severity).toBe('error');
      expect(review?.message).toContain('requests.received_new.total');
      expect(review?.message).toMatch(/“2” above “5”.*“25”.*other reading/);
      expect(compare(read.json, values).wrong).toEqual([]);
    }
  });
});

/** A change to a laid-out report, as a real file shows it. */
interface Mutation {
  readonly name: string;
  /** Layout options to add (before layout). */
  options?(seed: ReportValues, rnd: () => number): LayoutOptions;
  /** A change to the placed texts and lines (after layout). */
  move?(laid: LaidReport, rnd: () => number): void;
}

/** Picks a value cell of table 三 or 四 whose printed text has at least two characters. */
function pickLongValue(values: ReportValues, rnd: () => number): { table: number; row: number; value: number; at: number } | null {
  const candidates: { table: number; row: number; value: number; len: number }[] = [];
  values.form.tables.requests.rows.forEach((r, i) => r.columns.forEach((c, k) => {
    const v = values.cells.requests[r.code]?.[c];
    if (v !== null && v !== undefined && String(v).length >= 2) candidates.push({ table: 1, row: i, value: k, len: String(v).length });
  }));
  const appeals = values.form.tables.appeals.rows.flatMap((r) => r.columns.map((c) => values.cells.appeals[r.code]?.[c] ?? null));
  appeals.forEach((v, k) => {
    if (v !== null && String(v).length >= 2) candidates.push({ table: 2, row: 0, value: k, len: String(v).length });
  });
  if (!candidates.length) return null;
  const c = candidates[drawInt(rnd, 0, candidates.length - 1)]!;
  return { table: c.table, row: c.row, value: c.value, at: drawInt(rnd, 1, c.len - 1) };
}

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'a digit group moved to the next line',
    options: (values, rnd) => {
      const pick = pickLongValue(values, rnd);
      return { ruled: rnd() < 0.6, valign: rnd() < 0.5 ? 'middle' : 'top', ...(pick ? { wrapped: [pick] } : {}) };
    },
  },
  {
    name: 'a cell clipped at the page edge',
    options: (_, rnd) => ({ ruled: rnd() < 0.6 }),
    move: (laid, rnd) => {
      const cols = laid.columns[1]!;
      const from = cols[3]![0];
      const to = cols[cols.length - 1]![1];
      laid.width = from + rnd() * (to - from);
    },
  },
  {
    name: "a column's x shifted",
    options: () => ({ ruled: true }),
    move: (laid, rnd) => {
      const table = rnd() < 0.7 ? 1 : 2;
      const cols = laid.columns[table]!;
      const column = drawInt(rnd, table === 1 ? 3 : 0, cols.length - 1);
      const [x0, x1] = cols[column]!;
      const dx = (rnd() < 0.5 ? -1 : 1) * (0.15 + rnd() * 1.1) * (x1 - x0);
      for (const page of laid.pages) page.texts = page.texts.map((t) => (t.table === table && t.column === column && t.value ? { ...t, x: t.x + dx } : t));
    },
  },
  {
    name: 'a table split across pages',
    options: (_, rnd) => ({ ruled: rnd() < 0.6, breakAt: drawInt(rnd, 1, 24), repeatHeader: rnd() < 0.5, breakRule: rnd() < 0.5, valign: rnd() < 0.5 ? 'middle' : 'bottom' }),
  },
];

/** Cases per seed and mutation (PDF_FUZZ_RUNS=50 for a deeper search). */
const RUNS = Number(process.env.PDF_FUZZ_RUNS ?? 5);
const cases = SEEDS.flatMap((seed) => MUTATIONS.flatMap((m) => Array.from({ length: RUNS }, (_, k) => ({ seed, mutation: m, k }))));

describe('fuzzed PDF tables', () => {
  it.each(cases.map((c) => [`${c.seed.name} / ${c.mutation.name} #${c.k}`, c] as const))('%s: never a number the page does not show whole', async (_, { seed, mutation, k }) => {
    const rnd = createRandom(7919 * k + mutation.name.length * 104729 + seed.name.length);
    const laid = layoutReport(seed.values, STYLE, k, mutation.options?.(seed.values, rnd) ?? {});
    mutation.move?.(laid, rnd);
    const read = await ingestLaid(laid);
    if (!read.report) {
      expect(read.failure.length).toBeGreaterThan(0);
      return;
    }
    const { wrong, missing } = compare(read.json, seed.values);
    expect(wrong).toEqual([]);
    // Every cell left without a value is explained by an error of its row, cell or table.
    const errors = read.report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    if (process.env.DEBUG_FUZZ) console.log(missing.join('\n'), errors.join('\n'));
    for (const key of missing) {
      const [t, row] = key.split('.');
      expect(errors.some((m) => m.includes(`(${row})`) || m.includes(key) || (t === 'appeals' && m.startsWith('table 四')) || (t === 'active' && m.startsWith('table 二'))), key).toBe(true);
    }
    // A ruled table 三 cut by the page edge: every cell standing wholly on the page is still read, the last
    // row too when it holds only the few values the page shows (it once passed for table 四's heading).
    if (mutation.name === 'a cell clipped at the page edge' && laid.pages.some((p) => p.lines.length > 0)) {
      const cols = laid.columns[1]!;
      const onPage = missing.filter((key) => {
        const [t, row, col] = key.split('.') as [string, string, string];
        const i = Object.keys(seed.values.cells.requests[row as keyof typeof seed.values.cells.requests] ?? {}).indexOf(col);
        return t === 'requests' && i >= 0 && cols[3 + i]![1] < laid.width - 1;
      });
      expect(onPage).toEqual([]);
    }
  });
});
