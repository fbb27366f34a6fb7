import { describe, expect, it } from 'vitest';
import { loadCommittedContent, readExpectedReport } from '../fixtures/committed-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import { parseReportId } from '../publishers/publisher.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildYearOverview, OVERVIEW_METRIC_IDS } from './overview.ts';

type Cells = Readonly<Record<string, Readonly<Record<string, number | null>>>>;

/** Sums some rows of one column of a table; null when any is not a number. */
function sumRows(table: Cells, rows: readonly string[], column: string): number | null {
  let total = 0;
  for (const row of rows) {
    const v = table[row]?.[column];
    if (v === undefined || v === null) return null;
    total += v;
  }
  return total;
}

/** A group's pooled numerator and denominator of a rate, from each report's cells: reports with a number on both sides. */
function pool(tables: readonly { requests: Cells; appeals: Cells }[], num: (t: { requests: Cells; appeals: Cells }) => number | null, den: (t: { requests: Cells; appeals: Cells }) => number | null): [number, number] {
  let n = 0;
  let d = 0;
  for (const t of tables) {
    const a = num(t);
    const b = den(t);
    if (a === null || b === null) continue;
    n += a;
    d += b;
  }
  return [n, d];
}

/** The rows of table 三 whose codes start with a prefix (read from the cells, not from the form's groups). */
const rowsLike = (t: Cells, prefix: string): string[] => Object.keys(t).filter((r) => r.startsWith(prefix));

describe('the year overview', () => {
  const content = loadCommittedContent();
  const overview = buildYearOverview(content.reports, content.jurisdictions, 2020);
  if (!overview) throw new Error('no 2020 overview');

  it('adds up the committed reports’ hand-checked cells, each level of government apart', () => {
    expect(overview.groups.map((g) => g.key)).toEqual(['province-government', 'prefecture-government', 'county-government']);
    overview.groups.forEach((g, i) => {
      const level = g.key.split('-')[0];
      const reports = content.reports.filter((r) => content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === level);
      expect(g.reports).toBe(reports.length);
      const tables = reports.map((r) => readExpectedReport(r.meta.id).tables);
      const cell = (id: string) => overview.rows.find((r) => r.name && r.href.endsWith(`/${id}/`))?.cells[i];
      const received = tables.reduce((a, t) => a + (t.requests.received_new?.total ?? 0), 0);
      expect(cell('requests_received')?.numerator).toBe(received);
      const processed = (t: { requests: Cells }) => t.requests.processed_total?.total ?? null;
      expect([cell('grant_rate')?.numerator, cell('grant_rate')?.denominator]).toEqual(pool(tables, (t) => sumRows(t.requests, ['granted', 'partially_granted'], 'total'), processed));
      expect([cell('denial_rate')?.numerator, cell('denial_rate')?.denominator]).toEqual(pool(tables, (t) => sumRows(t.requests, rowsLike(t.requests, 'denied_'), 'total'), processed));
      expect([cell('not_processed_rate')?.numerator, cell('not_processed_rate')?.denominator]).toEqual(pool(tables, (t) => sumRows(t.requests, rowsLike(t.requests, 'not_processed_'), 'total'), processed));
      const concluded = (row: string) => (t: { appeals: Cells }) => sumRows(t.appeals, [row], 'upheld') === null ? null : sumRows(t.appeals, [row], 'upheld')! + sumRows(t.appeals, [row], 'corrected')! + sumRows(t.appeals, [row], 'other')!;
      expect([cell('review_correction_rate')?.numerator, cell('review_correction_rate')?.denominator]).toEqual(pool(tables, (t) => t.appeals.review?.corrected ?? null, concluded('review')));
      const failing = reports.filter((r) => readExpectedReport(r.meta.id).rules_failing.length > 0).length;
      expect(overview.failingReports[i]).toBe(failing);
    });
  });

  it('says of how many places of their level the reports are, so a sum is not taken for the province’s', () => {
    // 黑龙江 has 1 province, 13 prefectures and 121 counties (content/jurisdictions.csv); two of each lower level have a 2020 report on file.
    expect(overview.groups.map((g) => g.coverage)).toEqual(['全省 1 个省级地区中的 1 个', '全省 13 个地市级地区中的 2 个', '全省 121 个县级地区中的 2 个']);
    expect(overview.notes[0]).toMatch(/^只合计本站已收录的 5 份 2020 年度报告，不是全省的总数/);
  });

  it('writes a pooled rate as a percentage, or “n件中m件” on a small pooled base', () => {
    for (const row of overview.rows) {
      for (const c of row.cells) {
        if (c.numerator === null) expect(c.text).toBe('—');
        else if (c.denominator === null) expect(c.text.replace(/,/g, '')).toBe(String(c.numerator));
        else if (c.denominator === 0) expect(c.text).toBe('—');
        else if (c.denominator < 10) expect(c.text).toBe(`${c.denominator}件中${c.numerator}件`);
        else expect(c.text).toBe(`${((c.numerator / c.denominator) * 100).toFixed(1)}%`);
      }
    }
  });

  it('counts the reports failing each rule, and says where a figure stands on fewer reports or on failing cells', () => {
    const county = overview.groups.findIndex((g) => g.key === 'county-government');
    const t3b = overview.failures.find((f) => f.rule === 'T3-B');
    expect(t3b?.counts[county]).toBe(content.reports.filter((r) => r.outcomes.some((o) => o.rule === 'T3-B' && o.status === 'fail')).length);
    const grant = overview.rows.find((r) => r.href.endsWith('/grant_rate/'));
    expect(grant?.cells[county]?.note).toMatch(/1 份未通过核对/);
    const review = overview.rows.find((r) => r.href.endsWith('/review_correction_rate/'));
    expect(review?.cells.map((c) => c.text)).toContain('—');
  });

  it('is computed once per year and report list', () => {
    expect(buildYearOverview(content.reports, content.jurisdictions, 2020)).toBe(overview);
    expect(buildYearOverview(content.reports, content.jurisdictions, 1999)).toBeNull();
  });
});

describe('the year overview of a synthetic corpus with departments', () => {
  const content = loadSynthContent(400, 3);
  const year = Math.max(...content.reports.map((r) => r.meta.year));
  const overview = buildYearOverview(content.reports, content.jurisdictions, year);
  if (!overview) throw new Error('no overview');

  it('keeps governments and departments of each level apart, and adds up each group’s 本年新收 cells', () => {
    expect(overview.groups.some((g) => g.key.endsWith('-department'))).toBe(true);
    expect(overview.rows.map((r) => r.href)).toEqual(OVERVIEW_METRIC_IDS.map((id) => `/compare/${year}/${id}/`));
    overview.groups.forEach((g, i) => {
      const [level, kind] = g.key.split('-');
      const mine = (r: CheckedReport) => r.meta.year === year && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === level && (parseReportId(r.meta.id)?.agency ? 'department' : 'government') === kind;
      const reports = content.reports.filter(mine);
      expect(g.reports).toBe(reports.length);
      const values = reports.map((r) => r.tables.requests.received_new?.total?.value ?? null);
      const counted = values.filter((v): v is number => v !== null);
      const cell = overview.rows[0]?.cells[i];
      expect(cell?.numerator).toBe(counted.length ? counted.reduce((a, b) => a + b, 0) : null);
      if (counted.length < reports.length) expect(cell?.note).toContain(`${reports.length} 份中 ${counted.length} 份有数`);
    });
    expect(overview.groups.reduce((a, g) => a + g.reports, 0)).toBe(content.reports.filter((r) => r.meta.year === year).length);
  });
});
