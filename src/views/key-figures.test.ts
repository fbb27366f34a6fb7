import { describe, expect, it } from 'vitest';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import { loadCommittedContent, moveToYear } from '../fixtures/committed-content.ts';
import { LEVEL_LABELS } from '../jurisdictions/jurisdictions.ts';
import { findAgency, nameAgency } from '../publishers/agencies.ts';
import { parseReportId } from '../publishers/publisher.ts';
import type { CheckedReport } from '../reports/types.ts';
import { findMedian } from '../metrics/rank-values.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { buildKeyFigures, selectPeerGroup, tabulateKeyFigures } from './key-figures.ts';
import { listJurisdictionCharts } from '../charts/chart-sets.ts';
import { TREND_METRIC_IDS } from './compare-view.ts';

/** Reads a 总计 cell straight from a report's table 三, independently of the metric declarations. */
function total(r: CheckedReport, row: string): number | null {
  return r.tables.requests[row]?.total?.value ?? null;
}

describe('key figures of a department among its peers (synthetic corpus)', () => {
  const content = loadSynthContent(3000, 7);
  const level = (r: CheckedReport) => content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level;
  const groupKey = (r: CheckedReport) => `${parseReportId(r.meta.id)?.agency}|${level(r)}|${r.meta.year}`;
  const departments = content.reports.filter((r) => parseReportId(r.meta.id)?.agency);
  const sizes = new Map<string, number>();
  for (const r of departments) sizes.set(groupKey(r), (sizes.get(groupKey(r)) ?? 0) + 1);
  const dept = [...departments].sort((a, b) => (sizes.get(groupKey(b)) ?? 0) - (sizes.get(groupKey(a)) ?? 0))[0];
  if (!dept) throw new Error('the synthetic corpus has no department report');
  const peers = selectPeerGroup(dept, content.reports, content.jurisdictions, indexPublishers(content.reports, content.jurisdictions));

  it('compares a department only with departments of its kind and level that year', () => {
    expect(peers?.reports.length).toBe(sizes.get(groupKey(dept)));
    expect(peers?.reports.length).toBeGreaterThan(2);
    const agency = findAgency(parseReportId(dept.meta.id)?.agency ?? '');
    const lvl = level(dept);
    if (!agency || !lvl) throw new Error('the chosen department is not declared');
    expect(peers?.label).toBe(`全省${LEVEL_LABELS[lvl]}${nameAgency(agency, lvl)}`);
    for (const r of peers?.reports ?? []) {
      expect(parseReportId(r.meta.id)?.agency).toBe(parseReportId(dept.meta.id)?.agency);
      expect(r.meta.year).toBe(dept.meta.year);
      expect(level(r)).toBe(level(dept));
    }
  });

  it('ranks and takes the median over the peers with a large enough base, from the cells', () => {
    const [fig] = buildKeyFigures(dept, ['grant_rate'], peers);
    const rates = (peers?.reports ?? [])
      .map((r) => ({ id: r.meta.id, granted: (total(r, 'granted') ?? NaN) + (total(r, 'partially_granted') ?? NaN), all: total(r, 'processed_total') }))
      .filter((x) => x.all !== null && x.all >= 10 && Number.isFinite(x.granted))
      .map((x) => ({ id: x.id, rate: x.granted / (x.all as number) }));
    expect(fig?.peers?.counted).toBe(rates.length);
    expect(fig?.peers?.median).toBeCloseTo(findMedian(rates.map((x) => x.rate)) as number, 12);
    const own = rates.find((x) => x.id === dept.meta.id);
    if (own) expect(fig?.peers?.rank).toBe(1 + rates.filter((x) => x.rate > own.rate).length);
    else expect(fig?.peers?.rank).toBeNull();
    // A department's standing links to the comparison of its kind of department, not the governments'.
    expect(fig?.peers?.href).toBe(`/compare/${dept.meta.year}/grant_rate/${parseReportId(dept.meta.id)?.agency}/`);
  });
});

describe('key figures of a real report', () => {
  const content = loadCommittedContent();
  const tongjiang = content.reports.find((r) => r.meta.id === '230881-2020');
  if (!tongjiang) throw new Error('230881-2020 is not in the committed content');

  it('shows a share on a small base as “n件中m件” with a caution, and carries the failing rule as a flag', () => {
    const [received, grant] = buildKeyFigures(tongjiang, ['requests_received', 'grant_rate'], null);
    expect(received?.value).toBe(total(tongjiang, 'received_new'));
    expect(received?.text).toBe(String(total(tongjiang, 'received_new')));
    const den = total(tongjiang, 'processed_total');
    const num = (total(tongjiang, 'granted') ?? 0) + (total(tongjiang, 'partially_granted') ?? 0);
    expect(grant?.denominator).toBe(den);
    expect(grant?.numerator).toBe(num);
    expect(grant?.flags).toContain('T3-B');
    if ((den ?? 0) < 10) expect(grant?.text).toBe(`${den}件中${num}件`);
    else expect(grant?.text).toMatch(/%$/);
  });

  it('is not ranked when its peer group holds only itself and it stands on a small base', () => {
    const peers = selectPeerGroup(tongjiang, content.reports, content.jurisdictions, indexPublishers(content.reports, content.jurisdictions));
    expect(peers?.label).toBe('全省县级政府');
    const [fig] = buildKeyFigures(tongjiang, ['grant_rate'], peers);
    expect(fig?.peers?.counted).toBe((peers?.reports ?? []).filter((r) => (total(r, 'processed_total') ?? 0) >= 10).length);
  });
});

describe('key figures as a table, and the charts of a place with one year', () => {
  const content = loadCommittedContent();
  const byId = (id: string): CheckedReport => {
    const r = content.reports.find((x) => x.meta.id === id);
    if (!r) throw new Error(`no committed report ${id}`);
    return r;
  };

  it('writes each figure with its flag, the peers’ median and its rank, or why it is not ranked', () => {
    for (const report of content.reports) {
      const peers = selectPeerGroup(report, content.reports, content.jurisdictions, indexPublishers(content.reports, content.jurisdictions));
      const figures = buildKeyFigures(report, TREND_METRIC_IDS, peers);
      const table = tabulateKeyFigures(figures, peers, report.meta.year);
      expect(table.peerText).toBe(`${peers?.label}（${report.meta.year} 年共 ${peers?.reports.length} 份报告）`);
      figures.forEach((f, i) => {
        const row = table.rows[i];
        expect(row?.href).toBe(`/compare/${report.meta.year}/${f.metricId}/`);
        expect(row?.flag).toBe(f.flags.length ? `未通过 ${f.flags.join('、')}` : '');
        if (f.value === null) expect(row?.rank).toBe('—');
        else if (f.peers?.rank && f.peers.counted > 1) expect(row?.rank).toBe(`第 ${f.peers.rank} 名（共 ${f.peers.counted} 个）`);
        else expect(row?.rank).toMatch(/不排名/);
        // A median and a rank need two counted peers: alone, a report is never 第 1 名（共 1 个）.
        if ((f.peers?.counted ?? 0) < 2) expect(row?.median).toBe('—');
        expect(row?.rank).not.toMatch(/共 [01] 个/);
        if (f.value !== null && f.unit === 'share' && f.denominator !== null && f.denominator < 10) expect(row?.value).toBe(`${f.denominator}件中${f.numerator}件`);
      });
    }
    const tongjiang = tabulateKeyFigures(buildKeyFigures(byId('230881-2020'), ['grant_rate'], selectPeerGroup(byId('230881-2020'), content.reports, content.jurisdictions, indexPublishers(content.reports, content.jurisdictions))), null, 2020);
    expect(tongjiang.rows[0]?.flag).toBe('未通过 T3-A、T3-B');
  });

  it('draws no trend for a place with one report, and trends from two on', () => {
    const one = [byId('230881-2020')];
    expect(listJurisdictionCharts(one, TREND_METRIC_IDS, content.jurisdictions).map((c) => c.key)).toEqual(['prior-year']);
    const two = [{ ...moveToYear(byId('230881-2020'), 2019), outcomes: [] }, byId('230881-2020')];
    expect(listJurisdictionCharts(two, TREND_METRIC_IDS, content.jurisdictions).map((c) => c.key)).toEqual(TREND_METRIC_IDS.map((id) => `trend-${id}`));
  });
});

describe('the comparison a department\'s key figures link to', () => {
  it('is its kind\'s of that year exactly when the kind has two reports or more that year, every level together', async () => {
    const { loadDepartmentContent } = await import('../fixtures/department-corpus.ts');
    const seen = new Set<boolean>();
    for (const content of [loadDepartmentContent(), loadSynthContent(3000, 7)]) {
      const departments = content.reports.filter((r) => parseReportId(r.meta.id)?.agency);
      const kindYear = (r: CheckedReport) => `${parseReportId(r.meta.id)?.agency}|${r.meta.year}`;
      const ofKindYear = new Map<string, number>();
      for (const r of departments) ofKindYear.set(kindYear(r), (ofKindYear.get(kindYear(r)) ?? 0) + 1);
      const index = indexPublishers(content.reports, content.jurisdictions);
      for (const r of departments) {
        const linked = (ofKindYear.get(kindYear(r)) ?? 0) >= 2;
        seen.add(linked);
        const [fig] = buildKeyFigures(r, ['grant_rate'], selectPeerGroup(r, content.reports, content.jurisdictions, index));
        expect(fig?.peers?.href, r.meta.id).toBe(linked ? `/compare/${r.meta.year}/grant_rate/${parseReportId(r.meta.id)?.agency}/` : null);
      }
    }
    // The corpora must hold both cases for this to prove anything.
    expect([...seen].sort()).toEqual([false, true]);
  });
});

describe('key figures of a report alone among its peers', () => {
  it('gives no median and no rank: never 第 1 名（共 1 个）', async () => {
    const { loadDepartmentContent } = await import('../fixtures/department-corpus.ts');
    const content = loadDepartmentContent();
    // 哈尔滨市教育局 is the department corpus's only prefecture-level 教育局 of 2025.
    const alone = content.reports.find((r) => r.meta.id === '230100-jiaoyu-2025');
    if (!alone) throw new Error('the department corpus lacks 230100-jiaoyu-2025');
    const peers = selectPeerGroup(alone, content.reports, content.jurisdictions, indexPublishers(content.reports, content.jurisdictions));
    expect(peers?.reports.map((r) => r.meta.id)).toEqual(['230100-jiaoyu-2025']);
    const [received] = tabulateKeyFigures(buildKeyFigures(alone, ['requests_received'], peers), peers, 2025).rows;
    expect(received?.value).toBe(String(total(alone, 'received_new')));
    expect(received?.median).toBe('—');
    expect(received?.rank).toBe('同级仅此一个，不排名');
  });
});
