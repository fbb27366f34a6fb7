import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listTableCells } from '../form/cells.ts';
import { F2019, F2021, TABLE_IDS } from '../form/forms.ts';
import type { TableId } from '../form/types.ts';
import { CONTENT_DIR, loadCommittedContent } from '../fixtures/committed-content.ts';
import { REPORT_FILES } from '../reports/layout.ts';
import type { Cell, TableData } from '../reports/types.ts';
import { makeCell } from './cell-text.ts';
import { readTableCsv, writeTableCsv } from './table-csv.ts';

const reports = loadCommittedContent().reports;
const files = reports.flatMap((r) => TABLE_IDS.map((t) => [r.meta.id, t, `${CONTENT_DIR}/${r.dir}/${REPORT_FILES.tables[t]}`] as const));

/** The diagnostics of reading a CSV, reduced to place and rule. */
function problemsOf(text: string, table: TableId = 'appeals', form = F2019): string[] {
  return readTableCsv(text, 'x.csv', form, table).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`);
}

const APPEALS_HEADER = 'row,label,upheld,corrected,other,pending,total';
const appeals = (...lines: string[]): string => `${[APPEALS_HEADER, ...lines].join('\n')}\n`;
const REVIEW = 'review,行政复议,0,1,0,0,1';
const DIRECT = 'litigation_direct,行政诉讼 未经复议直接起诉,0,0,0,0,0';
const AFTER = 'litigation_after_review,行政诉讼 复议后起诉,0,0,0,0,0';

describe('round trip of the committed tables', () => {
  it('covers the five reports × three tables', () => {
    expect(files).toHaveLength(15);
  });

  it.each(files)('%s %s: read then write gives the file back byte for byte', (_id, table, file) => {
    const text = readFileSync(file, 'utf8');
    const report = reports.find((r) => file.includes(r.dir));
    const form = report!.form;
    const result = readTableCsv(text, file, form, table);
    expect(result.diagnostics).toEqual([]);
    expect(result.data).not.toBeNull();
    expect(writeTableCsv(form, table, result.data!)).toBe(text);
  });

  it.each(files)('%s %s: cells → write → read gives the same cells', (id, table) => {
    const report = reports.find((r) => r.meta.id === id)!;
    const form = report.form;
    const text = writeTableCsv(form, table, report.tables[table]);
    const back = readTableCsv(text, 'x.csv', form, table);
    expect(back.diagnostics).toEqual([]);
    expect(back.data).toEqual(report.tables[table]);
    expect(Object.values(back.data!).flatMap((row) => Object.keys(row))).toHaveLength(listTableCells(form.tables[table]).length);
  });

  it('round-trips every kind of cell on both forms: blanks, printed text, signs, units', () => {
    for (const form of [F2019, F2021]) {
      const spec = form.tables.active;
      const data: Record<string, Record<string, Cell>> = {};
      listTableCells(spec).forEach((ref, i) => {
        const col = spec.columns.find((c) => c.code === ref.column)!;
        const variants: Cell[] = [
          makeCell(null, col, { raw: '' }),
          makeCell(null, col, { raw: '/' }),
          makeCell(null, col, { raw: '91.928.320' }),
          makeCell(col.kind === 'signed' ? -i : i, col),
          makeCell(i + 0.25, col, { unit: '元' }),
        ];
        (data[ref.row] ??= {})[ref.column] = variants[i % variants.length]!;
      });
      const text = writeTableCsv(form, 'active', data);
      const back = readTableCsv(text, 'x.csv', form, 'active');
      expect(back.diagnostics, form.id).toEqual([]);
      expect(back.data).toEqual(data);
      expect(writeTableCsv(form, 'active', back.data!)).toBe(text);
    }
  });

  it('writes the header and labels from the form, empty where a row has no such cell', () => {
    const report = reports.find((r) => r.meta.id === '230881-2020')!;
    const lines = writeTableCsv(F2019, 'active', report.tables.active).split('\n');
    expect(lines[0]).toBe('row,label,new_made,new_published,total_published,prev_items,change,decisions,projects,amount');
    expect(lines[3]).toBe('licensing,行政许可,,,,2359,-2147,4273,,');
    expect(lines[8]).toBe('procurement,政府集中采购,,,,,,,210,21997万元');
    expect(lines.at(-1)).toBe('');
  });

  it('refuses to write a table with a cell missing', () => {
    const report = reports.find((r) => r.meta.id === '230881-2020')!;
    const { review: _dropped, ...rest } = report.tables.appeals;
    expect(() => writeTableCsv(F2019, 'appeals', rest as TableData)).toThrow('writeTableCsv: appeals.review.upheld has no cell');
  });
});

describe('readTableCsv', () => {
  it('reads a clean table and records where each cell stands', () => {
    const result = readTableCsv(appeals(REVIEW, DIRECT, AFTER), 'x.csv', F2019, 'appeals');
    expect(result.diagnostics).toEqual([]);
    expect(result.data?.review?.total).toEqual({ value: 1, raw: '1', unit: null });
    expect(result.positions.get('review.upheld')).toEqual({ line: 2, column: 13 });
    expect(result.positions.get('litigation_after_review.total')).toEqual({ line: 4, column: 44 });
  });

  it('accepts a BOM, CRLF line ends and the row label without its groups or as an alias', () => {
    const text = `\uFEFF${[APPEALS_HEADER, REVIEW, 'litigation_direct,未经复议直接起诉,0,0,0,0,0', AFTER].join('\r\n')}\r\n`;
    expect(problemsOf(text)).toEqual([]);
    const requests = writeTableCsv(F2019, 'requests', reports[0]!.tables.requests).replace(/^partially_granted,[^,]*,/m, 'partially_granted,部分公开,');
    expect(problemsOf(requests, 'requests')).toEqual([]);
  });

  it('finds every problem in one pass, each at its line and column', () => {
    const text = appeals(
      'review,行政复议,0,1,0,0', //                        a field short
      'litigation_directe,行政诉讼 未经复议直接起诉,0,0,0,0,0', // unknown row
      'review,行政复议,0,1,0,0,1', //                     duplicate row
      'litigation_after_review,行政复议,0,x,0,,0', //     wrong label, not a number, empty cell
    );
    expect(problemsOf(text)).toEqual([
      '2:20 missing-cell',
      '3:1 unknown-row',
      '4:1 duplicate-row',
      '5:25 label-mismatch',
      '5:32 not-a-number',
      '5:36 missing-cell',
      '3:1 missing-row', // where litigation_direct belongs, after review
    ]);
    expect(readTableCsv(text, 'x.csv', F2019, 'appeals').data).toBeNull();
  });

  it('checks the header: unknown, other-version, missing and repeated columns', () => {
    expect(problemsOf(appeals(REVIEW, DIRECT, AFTER).replace('upheld', 'uphold'))).toEqual(['1:11 unknown-column', '1:47 missing-column']);
    expect(problemsOf('row,label,upheld,upheld,corrected,other,pending,total\n')).toEqual([
      '1:18 duplicate-column',
      '2:1 missing-row',
      '2:1 missing-row',
      '2:1 missing-row',
    ]);
    const active2021 = 'row,label,issued,repealed,in_force,decisions,amount\n';
    expect(problemsOf(active2021, 'active', F2019).filter((p) => p.startsWith('1:'))).toEqual([
      '1:11', '1:18', '1:27',
    ].map((c) => `${c} wrong-form`).concat(Array(6).fill('1:52 missing-column')));
    expect(problemsOf('code,label\n')).toEqual(['1:1 bad-header']);
  });

  it('refuses a number in a cell the row does not have', () => {
    const text = writeTableCsv(F2019, 'active', reports[0]!.tables.active).replace(/^fees,(.*),$/m, 'fees,$1,7');
    expect(problemsOf(text, 'active')).toEqual(['8:25 cell-not-in-form']);
  });

  it('reads an F2021 table 三 and refuses it on F2019 (it has rows F2019 does not)', () => {
    const report = reports[0]!;
    const rows2021: Record<string, Record<string, Cell>> = { ...report.tables.requests };
    delete rows2021.other;
    for (const code of ['other_no_correction', 'other_unpaid_fee', 'other_misc']) {
      rows2021[code] = Object.fromEntries(F2021.tables.requests.columns.map((c) => [c.code, makeCell(0, c)]));
    }
    const text = writeTableCsv(F2021, 'requests', rows2021);
    expect(problemsOf(text, 'requests', F2021)).toEqual([]);
    expect(problemsOf(text, 'requests', F2019)).toEqual(['22:1 unknown-row', '23:1 unknown-row', '24:1 unknown-row', '22:1 missing-row']);
  });
});
