import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../reports/diagnostic.ts';
import { formatProgressBar } from './progress-bar.ts';
import { classifyWritten, findCellKey, formatReviewSummary, writeReviewCsv, type FileOutcome } from './review-summary.ts';

const d = (over: Partial<Diagnostic>): Diagnostic => ({ file: 'a.pdf', line: 3, column: 4, severity: 'error', rule: 'doubtful-cell', message: 'requests.total.total was read as 25, but …', hint: 'check the cell', ...over });
const outcomes: FileOutcome[] = [
  { file: 'z.pdf', status: 'ok', report: '230881-2021', done: 'written', problems: [], sha256: 'a'.repeat(64) },
  { file: 'a.pdf', status: 'needs review', report: '230881-2020', done: 'written', problems: [d({ line: 9, rule: 'T3-A', message: 'at total: 4 ≠ 8', hint: 'record it' }), d({})], sha256: 'b'.repeat(64) },
  { file: 'old.doc', status: 'failed', report: null, done: 'not read', problems: [d({ file: 'old.doc', line: 0, column: 0, rule: 'old-word-file', message: '=an old .doc', hint: 'save it as .docx' })], sha256: null },
  { file: 'b.txt', status: 'unchanged', report: '230700-2020', done: 'skipped', problems: [], sha256: 'c'.repeat(64) },
];

describe('the review summary', () => {
  it('a written report is ok only when ingest has nothing to say about it', () => {
    expect(classifyWritten([])).toBe('ok');
    expect(classifyWritten([d({ severity: 'warning', rule: 'unreadable-cell' })])).toBe('needs review');
  });

  it('names the cell a diagnostic is about', () => {
    expect(findCellKey(d({}))).toBe('requests.total.total');
    expect(findCellKey(d({ message: 'table 二 政府集中采购 × 采购总金额 (active.procurement.amount) prints “91.928.320”' }))).toBe('active.procurement.amount');
    expect(findCellKey(d({ message: 'at total: 4 ≠ 8' }))).toBeNull();
  });

  it('lists failed files first, then those to review with each problem and what to do, then the rest', () => {
    const text = formatReviewSummary(outcomes, 'review.csv');
    expect(text.split('\n')[0]).toBe('review summary: 4 files: 1 failed, 1 needs review, 1 ok, 1 unchanged');
    const at = (s: string): number => text.indexOf(s);
    expect(at('failed (1):')).toBeLessThan(at('needs review (1):'));
    expect(at('needs review (1):')).toBeLessThan(at('ok (1):'));
    expect(at('ok (1):')).toBeLessThan(at('unchanged (1):'));
    expect(text).toContain('  old.doc: not read\n    error [old-word-file] =an old .doc\n      what to do: save it as .docx');
    expect(text).toContain('  a.pdf → 230881-2020: written\n    error [doubtful-cell] requests.total.total line 3:4: requests.total.total was read as 25');
    expect(text.trimEnd().endsWith('the same as a table: review.csv')).toBe(true);
  });

  it('writes a CSV with a BOM, one line per problem, sortable, safe in a spreadsheet', () => {
    const text = writeReviewCsv(outcomes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['file', 'status', 'report', 'done', 'severity', 'rule', 'cell', 'where', 'problem', 'what_to_do', 'sha256']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual([
      ['old.doc', 'failed', 'old-word-file'],
      ['a.pdf', 'needs review', 'doubtful-cell'],
      ['a.pdf', 'needs review', 'T3-A'],
      ['z.pdf', 'ok', ''],
      ['b.txt', 'unchanged', ''],
    ]);
    expect(rows[1]![8]).toBe("'=an old .doc");
    expect(rows[2]![6]).toBe('requests.total.total');
    expect(rows[2]![7]).toBe('a.pdf:3:4');
  });
});

describe('the progress bar', () => {
  it('shows how far the run is and the file, cut to the terminal width (CJK counted double)', () => {
    expect(formatProgressBar(0, 4, 'a.pdf', 80)).toBe(`[${'·'.repeat(20)}] 0/4 a.pdf`);
    expect(formatProgressBar(2, 4, 'a.pdf', 80)).toBe(`[${'#'.repeat(10)}${'·'.repeat(10)}] 2/4 a.pdf`);
    const line = formatProgressBar(1, 4, '报告/黑龙江省财政厅2021年政府信息公开工作年度报告.pdf', 50);
    expect(line.startsWith('[#####')).toBe(true);
    expect(line.endsWith('年度报告.pdf')).toBe(true);
    const name = line.slice(line.indexOf('1/4 ') + 4);
    expect(name.startsWith('…')).toBe(true);
    expect([...name].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 && c !== '…' ? 2 : 1), 0)).toBeLessThanOrEqual(50 - 28 - 1);
  });
});
