import { describe, expect, it } from 'vitest';
import { loadDepartmentContent } from '../fixtures/department-corpus.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildJurisdictionView } from './site-views.ts';

const content = loadDepartmentContent();
const harbin = content.jurisdictions.byCode.get('230100')!;
const view = buildJurisdictionView(harbin, content.reports, content.jurisdictions);

/** Reads a 总计 cell of table 三 straight from a report. */
function total(r: CheckedReport, row: string): number {
  const v = r.tables.requests[row]?.total?.value;
  if (v === undefined || v === null) throw new Error(`${r.meta.id} has no ${row} total`);
  return v;
}

describe('a place page’s departments', () => {
  it('lists each department of the place once, and no department of another place', () => {
    expect(view.departments.rows.map((r) => r.key)).toEqual(['230100-jiaoyu', '230100-gongan', '230100-caizheng', '230100-renshe']);
    expect(view.departments.columns).toEqual(['申请总量', '公开率']);
  });

  it('gives each department its latest report’s figures, straight from that report’s cells', () => {
    for (const row of view.departments.rows) {
      const latest = content.reports.filter((r) => r.meta.id.startsWith(`${row.key}-`)).sort((a, b) => b.meta.year - a.meta.year)[0]!;
      expect(row.latestYear).toBe(latest.meta.year);
      expect(row.latestHref).toBe(`/reports/${latest.meta.id}/`);
      const [requests, grant] = row.figures;
      expect(requests?.sortValue).toBe(total(latest, 'received_new'));
      expect(requests?.text).toBe(new Intl.NumberFormat('zh-CN').format(total(latest, 'received_new')));
      const granted = total(latest, 'granted') + total(latest, 'partially_granted');
      const all = total(latest, 'processed_total');
      // A rate on fewer than 10 cases is written as a count and never sorted among the others.
      if (all < 10) expect([grant?.text, grant?.sortValue]).toEqual([`${all}件中${granted}件`, null]);
      else expect([grant?.text, grant?.sortValue]).toEqual([`${(Math.round((granted / all) * 1000) / 10).toFixed(1)}%`, granted / all]);
    }
    const jiaoyu = view.departments.rows[0]!;
    expect([jiaoyu.latestYear, jiaoyu.reports, jiaoyu.scope]).toEqual([2025, 7, '本机关']);
  });

  it('keeps the government’s own reports apart from its departments’', () => {
    expect(view.reports.map((r) => r.href)).toEqual(['/reports/230100-2021/', '/reports/230100-2020/']);
    expect(view.departmentsNote).toMatch(/不可相加/);
  });

  it('lists no departments for a place without any', () => {
    const other = buildJurisdictionView(content.jurisdictions.byCode.get('230881')!, content.reports, content.jurisdictions);
    expect(other.departments.rows).toEqual([]);
  });
});
