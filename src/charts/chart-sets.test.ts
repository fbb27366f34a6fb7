import { describe, expect, it } from 'vitest';
import { findCommittedReport, loadCommittedContent, moveToYear, setCellValue } from '../fixtures/committed-content.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { findMetric } from '../metrics/metric-specs.ts';
import type { CheckedReport, ParsedReport } from '../reports/types.ts';
import { listJurisdictionCharts } from './chart-sets.ts';
import { TREND_METRIC_IDS } from '../views/compare-view.ts';

const content = loadCommittedContent();

/** A report checked as its base was (the trend charts read cells and flags, not a re-run of the rules). */
function asChecked(report: ParsedReport, base: CheckedReport): CheckedReport {
  return { ...report, outcomes: base.outcomes } as CheckedReport;
}

describe('the trend charts of a jurisdiction', () => {
  // 同江市 2020 has no concluded review (复议纠错率 has no value); a 2021 report of it concluded three, one corrected.
  const base = findCommittedReport('230881-2020') as CheckedReport;
  let next: ParsedReport = moveToYear(base, 2021);
  next = setCellValue(next, { table: 'appeals', row: 'review', column: 'upheld' }, 2);
  next = setCellValue(next, { table: 'appeals', row: 'review', column: 'corrected' }, 1);
  const series = [base, asChecked(next, base)];

  it('draws a metric from two years with a value on, and tells one with a value in one year only in words, never as one dot', () => {
    const review = findMetric('review_correction_rate');
    if (!review) throw new Error('no metric review_correction_rate');
    // The case the test is about: one year with a value, one without.
    expect(series.map((r) => deriveMetric(review, r).value)).toEqual([null, 1 / 3]);
    const charts = listJurisdictionCharts(series, TREND_METRIC_IDS, content.jurisdictions);
    expect(charts.map((c) => c.key)).toEqual(TREND_METRIC_IDS.map((id) => `trend-${id}`));
    for (const chart of charts) {
      const id = chart.key.replace(/^trend-/, '');
      const metric = findMetric(id);
      if (!metric) throw new Error(`no metric ${id}`);
      const values = series.map((r) => deriveMetric(metric, r).value).filter((v) => v !== null).length;
      expect(chart.build !== null, `${chart.key}: ${values} years with a value`).toBe(values >= 2);
    }
    const reviewChart = charts.find((c) => c.key === 'trend-review_correction_rate');
    expect(reviewChart?.build).toBeNull();
    // Its one value is still told, in its table (a small base as m/n).
    expect(reviewChart?.table.rows.map((r) => r.cells[0])).toEqual(['—（复议已审结为 0，无法计算比例）', '3件中1件']);
    expect(charts.find((c) => c.key === 'trend-grant_rate')?.build).not.toBeNull();
  });

  it('draws no trend for a single report, only what it says of the year before', () => {
    expect(listJurisdictionCharts([base], TREND_METRIC_IDS, content.jurisdictions).map((c) => c.key)).toEqual(['prior-year']);
  });
});
