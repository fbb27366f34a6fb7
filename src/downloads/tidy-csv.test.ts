import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runRules } from '../checks/run-rules.ts';
import { formatCellKey, formatColumnLabel, formatRowLabel, findColumn, findRow, listFormCells } from '../form/cells.ts';
import { findCommittedReport, loadCommittedContent, restateOnF2021, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport, ParsedReport } from '../reports/types.ts';
import { CSV_BOM, joinCsvText } from './csv-text.ts';
import { CELL_FIELDS } from './fields.ts';
import { buildTidyRows, TIDY_HEADER, writeTidyBody } from './tidy-csv.ts';

const content = loadCommittedContent();

/** Checks a variant as the loader would (no previous year, no known errors). */
function checkVariant(report: ParsedReport): CheckedReport {
  return { ...report, outcomes: runRules(report, null).map((o) => ({ ...o, known: null })) };
}

/** Parses a tidy file into records by column name, failing on any parse error. */
function readTidy(text: string): Record<string, string>[] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(CSV_BOM.length), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(CELL_FIELDS.map((f) => f.name));
  return parsed.data;
}

/** Asserts that the tidy lines of a report give back every cell of its form: value, unit, raw text, labels. */
function expectRoundTrip(report: CheckedReport, records: readonly Record<string, string>[]): void {
  const form = report.form;
  const refs = listFormCells(form);
  expect(records).toHaveLength(refs.length);
  const j = content.jurisdictions.byCode.get(report.meta.jurisdiction);
  refs.forEach((ref, i) => {
    const r = records[i] ?? {};
    const cell = report.tables[ref.table][ref.row]?.[ref.column];
    const key = formatCellKey(ref);
    expect(cell, key).toBeDefined();
    expect([r.report_id, r.jurisdiction_code, r.jurisdiction_name, r.level, r.year, r.form], key).toEqual([report.meta.id, j?.code, j?.name, j?.level, String(report.meta.year), form.id]);
    expect([r.table, r.row, r.column], key).toEqual([ref.table, ref.row, ref.column]);
    const row = findRow(form.tables[ref.table], ref.row);
    expect(r.outcome_group, key).toBe(row?.outcomeGroup ?? '');
    const col = findColumn(form.tables[ref.table], ref.column);
    if (!row || !col) throw new Error(`no spec for ${key}`);
    expect([r.row_label, r.column_label], key).toEqual([formatRowLabel(row), formatColumnLabel(col)]);
    // Number() on our own written value (not on government text): the download must give back the cell's value.
    expect(r.value === '' ? null : Number(r.value), key).toBe(cell?.value);
    expect(r.unit === '' ? null : r.unit, key).toBe(cell?.unit);
    expect(r.raw, key).toBe(cell?.raw);
  });
}

describe('outcome groups in the tidy CSV', () => {
  it('adds up, group by group, to the outcome rows the form sums into （七）总计, never counting a total twice', () => {
    for (const report of content.reports) {
      const records = readTidy(joinCsvText(TIDY_HEADER, [writeTidyBody(report, content.jurisdictions)])).filter((r) => r.table === 'requests' && r.column === 'total');
      const grouped = records.filter((r) => r.outcome_group !== '');
      const form = report.form;
      const outcomeRows = form.tables.requests.rows.filter((r) => r.role === 'outcome').map((r) => r.code);
      expect(grouped.map((r) => r.row), report.meta.id).toEqual(outcomeRows);
      expect(new Set(grouped.map((r) => r.outcome_group))).toEqual(new Set(form.outcomeGroups.map((g) => g.code)));
      for (const code of ['received_new', 'carried_over', 'processed_total', 'carried_forward']) expect(records.find((r) => r.row === code)?.outcome_group).toBe('');
      const sum = grouped.reduce((a, r) => a + (r.value === '' ? NaN : Number(r.value)), 0);
      const cells = outcomeRows.reduce((a, code) => a + (report.tables.requests[code]?.total?.value ?? NaN), 0);
      expect(sum, report.meta.id).toBe(cells);
    }
  });
});

describe('the tidy CSV of every committed report', () => {
  it('covers the five committed reports', () => {
    expect(content.reports.map((r) => r.meta.id)).toEqual(['230000-2020', '230700-2020', '230722-2020', '230881-2020', '231000-2020']);
  });

  for (const report of content.reports) {
    it(`${report.meta.id}: content → CSV text → PapaParse gives back every cell`, () => {
      expectRoundTrip(report, readTidy(joinCsvText(TIDY_HEADER, [writeTidyBody(report, content.jurisdictions)])));
    });
  }

  it('the site-wide file is the reports one after another, each cell once', () => {
    const records = readTidy(joinCsvText(TIDY_HEADER, content.reports.map((r) => writeTidyBody(r, content.jurisdictions))));
    let at = 0;
    for (const report of content.reports) {
      const n = listFormCells(report.form).length;
      expectRoundTrip(report, records.slice(at, at + n));
      at += n;
    }
    expect(records).toHaveLength(at);
    expect(at).toBe(5 * 22 + 5 * 161 + 5 * 15);
  });
});

describe('flags', () => {
  const flagsOf = (report: CheckedReport): Map<string, string> => {
    const rows = buildTidyRows(report, content.jurisdictions);
    const at = (name: string): number => TIDY_HEADER.indexOf(name);
    return new Map(rows.map((r) => [`${r[at('table')]}.${r[at('row')]}.${r[at('column')]}`, r[at('flags')] ?? '']));
  };

  it('names the failing rules of 同江市 2020 on the cells they involve, and nothing elsewhere', () => {
    const flags = flagsOf(content.reports.find((r) => r.meta.id === '230881-2020') as CheckedReport);
    expect(flags.get('requests.received_new.legal_services')).toBe('T3-A');
    expect(flags.get('requests.carried_forward.total')).toBe('T3-A');
    expect(flags.get('requests.processed_total.legal_services')).toBe('T3-A;T3-B');
    expect(flags.get('requests.granted.total')).toBe('T3-B');
    expect(flags.get('requests.granted.natural_person')).toBe('');
    expect(flags.get('active.procurement.amount')).toBe('');
    const flagged = [...flags.values()].filter(Boolean);
    // Two columns fail. T3-A: 4 rows; T3-B: （七）总计 and the 19 outcome rows of F2019; （七）总计 is in both.
    expect(flagged).toHaveLength(2 * (4 + 20 - 1));
  });

  it('marks an unreadable printed amount (嘉荫县 91.928.320) and an amount printed with no unit (伊春市)', () => {
    const jiayin = buildTidyRows(content.reports.find((r) => r.meta.id === '230722-2020') as CheckedReport, content.jurisdictions);
    const at = (name: string): number => TIDY_HEADER.indexOf(name);
    const amount = jiayin.find((r) => r[at('row')] === 'procurement' && r[at('column')] === 'amount');
    expect(amount?.slice(at('value'))).toEqual(['', '', '91.928.320', 'unreadable']);
    expect(flagsOf(content.reports.find((r) => r.meta.id === '230700-2020') as CheckedReport).get('active.procurement.amount')).toBe('no-unit');
  });

  it('marks a blank cell, keeps its raw text empty, and flags the rules a changed number breaks', () => {
    const base = findCommittedReport('230700-2020');
    const blank = setCellValue(base, { table: 'requests', row: 'granted', column: 'commercial' }, null, '');
    const broken = setCellValue(blank, { table: 'appeals', row: 'review', column: 'upheld' }, 7);
    const report = checkVariant(broken);
    const records = readTidy(joinCsvText(TIDY_HEADER, [writeTidyBody(report, content.jurisdictions)]));
    expectRoundTrip(report, records);
    const granted = records.find((r) => r.row === 'granted' && r.column === 'commercial');
    expect([granted?.value, granted?.raw, granted?.flags]).toEqual(['', '', 'blank']);
    const upheld = records.find((r) => r.table === 'appeals' && r.row === 'review' && r.column === 'upheld');
    expect([upheld?.value, upheld?.flags]).toEqual(['7', 'T4-A']);
    expect(records.find((r) => r.table === 'appeals' && r.row === 'review' && r.column === 'total')?.flags).toBe('T4-A');
  });

  it('writes F2021 reports with their own rows and the printed unit 万元 of 本年收费金额', () => {
    const report = checkVariant(restateOnF2021(findCommittedReport('230881-2020')));
    const records = readTidy(joinCsvText(TIDY_HEADER, [writeTidyBody(report, content.jurisdictions)]));
    expectRoundTrip(report, records);
    expect(records).toHaveLength(10 + 175 + 15);
    const fees = records.find((r) => r.row === 'fees' && r.column === 'amount');
    expect([fees?.form, fees?.value, fees?.unit, fees?.column_label, fees?.flags]).toEqual(['F2021', '0', '万元', '本年收费金额（单位：万元）', '']);
    expect(records.some((r) => r.row === 'other_misc')).toBe(true);
  });
});
