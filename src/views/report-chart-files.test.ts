import { describe, expect, it } from 'vitest';
import { getSiteContent } from '../loaders/site-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import { listReportCharts, REPORT_CHART_KEYS } from '../charts/chart-sets.ts';
import { findReportChart } from './report-chart-files.ts';

describe('findReportChart', () => {
  const content = getSiteContent();

  it('finds every chart of every committed report as listReportCharts lists it', () => {
    for (const report of content.reports) {
      const listed = listReportCharts(report, content.jurisdictions);
      for (const entry of listed) {
        const found = findReportChart(report, entry.key);
        expect({ key: found.key, title: found.title, description: found.description, data: found.data, table: found.table }).toEqual({
          key: entry.key,
          title: entry.title,
          description: entry.description,
          data: entry.data,
          table: entry.table,
        });
        expect(found.build === null).toBe(entry.build === null);
      }
    }
  });

  it("builds a report's entries once for its files rendered close together, and again once it has left the memo", () => {
    const [first, ...others] = content.reports;
    expect(first && others.length).toBeTruthy();
    const entry = findReportChart(first!, 'flow');
    expect(findReportChart(first!, 'flow')).toBe(entry);
    expect(findReportChart(first!, 'applicants')).not.toBe(entry);
    // Push it out of the memo: at least as many other reports as the memo keeps (synthetic copies of the others).
    for (let i = 0; i < 16; i++) findReportChart({ ...others[i % others.length]! }, 'flow');
    const again = findReportChart(first!, 'flow');
    expect(again).not.toBe(entry);
    expect(again.data).toEqual(entry.data);
  });

  it('throws for a chart key a report does not have', () => {
    expect(() => findReportChart(content.reports[0]!, 'no-such-chart')).toThrow(/has no chart no-such-chart/);
  });

  it('every report, committed or synthetic, drawable or not, has the charts REPORT_CHART_KEYS names, in that order', () => {
    const synth = loadSynthContent(200);
    const all = [...content.reports.map((r) => ({ r, j: content.jurisdictions })), ...synth.reports.map((r) => ({ r, j: synth.jurisdictions }))];
    for (const { r, j } of all) expect(listReportCharts(r, j).map((e) => e.key)).toEqual([...REPORT_CHART_KEYS]);
    // Some have a chart with nothing to draw: its entry stays, and so does its embed route.
    expect(all.some(({ r, j }) => listReportCharts(r, j).some((e) => e.build === null))).toBe(true);
  });

});
