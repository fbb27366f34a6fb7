import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM } from '../downloads/csv-text.ts';
import { findCommittedReport, loadCommittedContent, moveToYear, setCellValue } from '../fixtures/committed-content.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { findMetric } from '../metrics/metric-specs.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listJurisdictionCharts, listReportCharts } from './chart-sets.ts';
import { listRankingCharts } from './ranking.ts';
import type { ChartDatum, ChartEntry, ChartNumbers } from './chart-entry.ts';
import { writeChartCsv } from '../embeds/chart-csv.ts';
import { SUM_NOTE } from './request-flow.ts';

const content = loadCommittedContent();

/** One chart of a report by key. */
function chartOf(report: CheckedReport, key: string): ChartEntry {
  const entry = listReportCharts(report, content.jurisdictions).find((e) => e.key === key);
  if (!entry) throw new Error(`no chart ${key}`);
  return entry;
}

/** The rows of a chart's numbers as objects by column heading. */
function readRows(numbers: ChartNumbers): Record<string, ChartDatum>[] {
  return numbers.rows.map((row) => Object.fromEntries(numbers.columns.map((c, i) => [c, row[i] ?? null])));
}

/** A cell's value in the content, null when blank or unreadable. */
function cellValue(report: CheckedReport, table: 'active' | 'requests' | 'appeals', row: string, column: string): number | null {
  return report.tables[table][row]?.[column]?.value ?? null;
}

/** Parses a chart CSV back: header and rows, numbers as numbers, empty fields as null. */
function parseChartCsv(text: string): { header: string[]; rows: ChartDatum[][] } {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...rows] = parsed.data;
  return { header, rows: rows.map((r) => r.map((v) => (v === '' ? null : /^-?\d+(\.\d+)?(e-?\d+)?$/.test(v) ? Number(v) : v))) };
}

describe('the numbers behind the report charts', () => {
  it.each(content.reports.map((r) => [r.meta.id, r] as const))('%s: every figure of every chart is the cell it comes from', (_id, report) => {
    const form = report.form;
    // Request flow: printed rows equal their 总计 cells; groups of several rows are their sums, and say so.
    const flow = readRows(chartOf(report, 'flow').data);
    const requestRows = new Set<string>(form.tables.requests.rows.map((r) => r.code));
    let printed = 0;
    for (const row of flow) {
      const code = String(row['代码']);
      if (requestRows.has(code)) {
        expect(row['件数'], code).toBe(cellValue(report, 'requests', code, 'total'));
        printed += 1;
      } else {
        expect(row['说明'], code).toBe(SUM_NOTE);
        const parts = flow.filter((r) => r['所属'] === row['项目']).map((r) => r['件数']);
        expect(parts.length, code).toBeGreaterThan(1);
        expect(row['件数'], code).toBe(parts.some((p) => p === null) ? null : parts.reduce<number>((a, p) => a + Number(p), 0));
      }
    }
    expect(printed).toBeGreaterThan(15);
    // Applicants: row 本年新收 by column, then its printed 总计.
    const applicants = chartOf(report, 'applicants').data;
    const applicantRows = readRows(applicants);
    expect(applicantRows.map((r) => r['代码'])).toEqual([...form.tables.requests.columns.map((c) => c.code).filter((c) => c !== 'total'), 'total']);
    for (const row of applicantRows) expect(row[applicants.columns[3] ?? '']).toBe(cellValue(report, 'requests', 'received_new', String(row['代码'])));
    // Appeals: every row of table 四 with every result column and the total, in form order.
    const appeals = chartOf(report, 'appeals').data;
    const resultColumns = form.tables.appeals.columns.filter((c) => c.code !== 'total');
    expect(appeals.rows.map((r) => r[1])).toEqual(form.tables.appeals.rows.map((r) => r.code));
    for (const row of appeals.rows) {
      expect(row.slice(2)).toEqual([...resultColumns.map((c) => cellValue(report, 'appeals', String(row[1]), c.code)), cellValue(report, 'appeals', String(row[1]), 'total')]);
    }
    // Active: each drawn (row, column) is its cell.
    const active = readRows(chartOf(report, 'active').data);
    expect(active.length).toBeGreaterThan(5);
    for (const row of active) expect(row['数值']).toBe(cellValue(report, 'active', String(row['代码']), String(row['栏目代码'])));
  });

  it('writes a blank cell as an empty field, never 0, and a zero as 0', () => {
    const report = findCommittedReport('230881-2020') as CheckedReport;
    const blank = { ...setCellValue(report, { table: 'requests', row: 'received_new', column: 'commercial' }, null, ''), outcomes: report.outcomes };
    const parsed = parseChartCsv(writeChartCsv(chartOf(blank, 'applicants').data));
    const row = parsed.rows.find((r) => r[1] === 'commercial');
    expect(row?.[3]).toBeNull();
    expect(writeChartCsv(chartOf(blank, 'applicants').data)).toMatch(/,commercial,[^,\n]*,\n/);
    const zero = parseChartCsv(writeChartCsv(chartOf(report, 'flow').data)).rows.find((r) => r[1] === 'carried_over');
    expect(zero?.[3]).toBe(0);
  });

  it('round-trips every chart of every page type through its CSV: same header, same values', () => {
    const tongjiang = content.reports.find((r) => r.meta.id === '230881-2020');
    if (!tongjiang) throw new Error('no 230881-2020');
    const tongjiang2019: CheckedReport = { ...moveToYear(tongjiang, 2019), outcomes: [] };
    const entries = [
      ...content.reports.flatMap((r) => listReportCharts(r, content.jurisdictions)),
      ...listJurisdictionCharts(content.reports.filter((r) => r.meta.jurisdiction === '230881'), ['grant_rate'], content.jurisdictions),
      ...listJurisdictionCharts([tongjiang2019, ...content.reports.filter((r) => r.meta.jurisdiction === '230881')], ['grant_rate', 'requests_received'], content.jurisdictions),
      ...listRankingCharts(content.reports, 'grant_rate', 2020, content.jurisdictions),
    ];
    expect(entries.map((e) => e.key)).toEqual(expect.arrayContaining(['flow', 'prior-year', 'trend-grant_rate', 'ranking-county']));
    for (const entry of entries) {
      const parsed = parseChartCsv(writeChartCsv(entry.data));
      expect(parsed.header, entry.key).toEqual(entry.data.columns);
      // Each field read as the type it was written from: a number where a number was, text elsewhere.
      const typed = parsed.rows.map((r, i) => r.map((v, j) => (typeof entry.data.rows[i]?.[j] === 'number' ? Number(v) : v === null ? null : String(v))));
      expect(typed, entry.key).toEqual(entry.data.rows.map((r) => r.map((v) => (v === '' ? null : v))));
      for (const row of entry.data.rows) expect(row.length, entry.key).toBe(entry.data.columns.length);
    }
  });

  it('gives a metric its ratio at full precision with the numerator and denominator it comes from', () => {
    const [county] = listRankingCharts(content.reports, 'grant_rate', 2020, content.jurisdictions).filter((e) => e.key === 'ranking-county');
    const rows = county?.data.rows ?? [];
    expect(county?.data.columns[3]).toMatch(/^\S+（比例，0–1）$/);
    expect(county?.data.columns.filter((_c, i) => i !== 3)).toEqual(['地区', '代码', '名次', '分子', '分母', '报告范围', '未通过的核对', '说明']);
    expect(rows.length).toBeGreaterThan(0);
    for (const [, , , value, numerator, denominator] of rows) {
      if (value === null) continue;
      expect(value).toBe(Number(numerator) / Number(denominator));
    }
  });

  it('ranks in the CSV as in the chart: small bases without a rank, failing rules named', () => {
    for (const page of ['grant_rate', 'denial_rate', 'review_correction_rate']) {
      for (const entry of listRankingCharts(content.reports, page, 2020, content.jurisdictions)) {
        const col = (name: string): number => entry.data.columns.indexOf(name);
        const counted = entry.data.rows.filter((r) => r[col('名次')] !== null || /同级仅此一个/.test(String(r[col('说明')]))).length;
        for (const row of entry.data.rows) {
          const report = content.reports.find((r) => r.meta.year === 2020 && r.meta.jurisdiction === row[1] && !/-[a-z]/.test(r.meta.id));
          if (!report) throw new Error(`no report of ${String(row[1])}`);
          const v = deriveMetric(findMetric(page)!, report);
          expect(row[col('未通过的核对')], `${entry.key} ${String(row[0])}`).toBe(v.flags.join(' '));
          if (v.value === null || v.caution) expect(row[col('名次')]).toBeNull();
          else if (counted < 2) {
            // The only value of its level (the province's own report) is drawn, never 第 1 名 among one.
            expect(row[col('名次')]).toBeNull();
            expect(String(row[col('说明')])).toContain('同级仅此一个地区有可比的数值，不排名');
          } else expect(row[col('名次')]).toEqual(expect.any(Number));
          if (v.caution) expect(String(row[col('说明')])).toContain('不参与排名');
        }
        const ranks = entry.data.rows.map((r) => r[col('名次')]).filter((r): r is number => typeof r === 'number');
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
    }
  });
});
