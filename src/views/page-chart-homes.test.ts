import { describe, expect, it } from 'vitest';
import { createSvgCache } from '../machinery/svg-cache.ts';
import { findCommittedReport, loadCommittedContent, moveToYear, setCellValue } from '../fixtures/committed-content.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { findMetric } from '../metrics/metric-specs.ts';
import { REPORT_ID, seriesOf } from '../reports/report-id.ts';
import type { CheckedReport } from '../reports/types.ts';
import { renderChartViews } from '../charts/chart-view.ts';
import { TREND_METRIC_IDS } from './compare-view.ts';
import { buildHomeChartImageText, buildHomeEmbedLinks, buildHomeEmbedPageView, buildHomeOembed, estimateEmbedHeight } from '../embeds/embed-view.ts';
import { COMPARE_AUTHOR, describeChartHome, listCompareChartPlaces, listJurisdictionChartPlaces, listPlaceCharts, type ChartPlace } from './page-chart-homes.ts';
import { compareEmbedPath, embedPath, formatCompareChartStem, formatJurisdictionChartStem, jurisdictionEmbedPath, listEmbedFiles } from '../site/paths.ts';
import { listEmbedUrlPatterns } from './data-page-view.ts';

const content = loadCommittedContent();
const SITE = 'https://gongkai.example.org/';

/** The place of one jurisdiction among those listed from some reports. */
function findJurisdictionPlace(reports: readonly CheckedReport[], code: string): ChartPlace {
  const found = listJurisdictionChartPlaces(reports, content.jurisdictions).find((p) => p.place.kind === 'jurisdiction' && p.place.jurisdiction.code === code);
  if (!found) throw new Error(`no chart place for ${code}`);
  return found.place;
}

/** A chart of a place by key. */
function findChart(place: ChartPlace, key: string) {
  const entry = listPlaceCharts(place, content.jurisdictions).find((e) => e.key === key);
  if (!entry) throw new Error(`no chart ${key}`);
  return entry;
}

describe('the URLs of the jurisdiction and comparison chart embeds', () => {
  it('are stable, one folder per chart, apart from the report charts’ folders', () => {
    const trend = jurisdictionEmbedPath('230881', 'trend-grant_rate');
    const ranking = compareEmbedPath(2020, 'grant_rate', 'ranking-county');
    expect([trend, listEmbedFiles(trend), formatJurisdictionChartStem('230881', 'trend-grant_rate')]).toEqual([
      '/embed/jurisdictions/230881/trend-grant_rate/',
      { oembed: '/embed/jurisdictions/230881/trend-grant_rate/oembed.json', svg: '/embed/jurisdictions/230881/trend-grant_rate/chart.svg', csv: '/embed/jurisdictions/230881/trend-grant_rate/data.csv' },
      '230881-trend-grant_rate',
    ]);
    expect([ranking, formatCompareChartStem(2020, 'grant_rate', 'ranking-county')]).toEqual(['/embed/compare/2020/grant_rate/ranking-county/', 'compare-2020-grant_rate-ranking-county']);
    // A report chart's folder has two segments under /embed/ and its first is a report id, never a word.
    for (const r of content.reports) expect(embedPath(r.meta.id, 'flow').split('/').filter(Boolean)).toEqual(['embed', r.meta.id, 'flow']);
    for (const r of content.reports) expect(REPORT_ID.test(r.meta.id) && !['jurisdictions', 'compare'].includes(r.meta.id)).toBe(true);
  });

  it('documents every kind of embed page and the files beside it', () => {
    const patterns = listEmbedUrlPatterns().map((p) => p.pattern);
    expect(patterns).toEqual(expect.arrayContaining(['/embed/<报告编号>/<图表>/', '/embed/jurisdictions/<地区代码>/<图表>/', '/embed/compare/<年度>/<指标>/<图表>/', '…/oembed.json', '…/data.csv', '/embed.js']));
  });
});

describe('the listed jurisdiction and comparison charts', () => {
  it('lists every jurisdiction whose government has reports, with the charts its page shows', () => {
    const listed = listJurisdictionChartPlaces(content.reports, content.jurisdictions);
    const governments = [...new Set(content.reports.filter((r) => !REPORT_ID.exec(r.meta.id)?.[2]).map((r) => r.meta.jurisdiction))].sort();
    expect(listed.map((p) => (p.place.kind === 'jurisdiction' ? p.place.jurisdiction.code : '')).sort()).toEqual(governments);
    // One report each on file: what it says about the year before, and no one-point trend.
    for (const { keys } of listed) expect(keys).toEqual(['prior-year']);
  });

  it('lists every comparison page with a ranking for each level that has a government report that year', () => {
    const listed = listCompareChartPlaces(content.reports, content.jurisdictions);
    const levels = ['province', 'prefecture', 'county'].filter((l) => content.reports.some((r) => r.meta.year === 2020 && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === l));
    expect(listed.length).toBeGreaterThan(10);
    for (const { place, keys } of listed) {
      expect(place.kind).toBe('compare');
      expect(keys).toEqual(levels.map((l) => `ranking-${l}`));
    }
  });

  it('gives each page only the reports its cache key covers: its government’s series, or its year’s reports', () => {
    for (const { place } of listJurisdictionChartPlaces(content.reports, content.jurisdictions)) {
      if (place.kind !== 'jurisdiction') continue;
      expect(place.series.length).toBeGreaterThan(0);
      for (const r of place.series) expect([r.meta.jurisdiction, seriesOf(r.meta.id)]).toEqual([place.jurisdiction.code, place.jurisdiction.code]);
    }
    for (const { place } of listCompareChartPlaces(content.reports, content.jurisdictions)) {
      if (place.kind !== 'compare') continue;
      expect(place.reports.length).toBeGreaterThan(0);
      for (const r of place.reports) expect(r.meta.year).toBe(place.page.year);
    }
  });

});

describe('a trend over several years', () => {
  // The committed content has one year per jurisdiction: a second year of 同江市, with other numbers.
  const base = findCommittedReport('230881-2020') as CheckedReport;
  const next = { ...(moveToYear(setCellValue(base, { table: 'requests', row: 'granted', column: 'total' }, 20), 2021) as CheckedReport), outcomes: base.outcomes };
  // Listed before the 2020 report: the series is put in year order, not content order.
  const reports = [next, ...content.reports];
  const place = findJurisdictionPlace(reports, '230881');

  it('has one CSV row per year, oldest first, each the metric of that year’s report', () => {
    expect(listPlaceCharts(place, content.jurisdictions).map((e) => e.key)).toEqual(TREND_METRIC_IDS.map((id) => `trend-${id}`));
    for (const id of TREND_METRIC_IDS) {
      const metric = findMetric(id)!;
      const rows = findChart(place, `trend-${id}`).data.rows;
      expect(rows.map((r) => [r[0], r[2], r[3], r[4]]), id).toEqual([base, next].map((r) => {
        const v = deriveMetric(metric, r);
        return [r.meta.year, v.value, v.numerator, v.denominator];
      }));
    }
    // The changed cell shows in 2021 only: 20 granted plus the partly granted, over the same total.
    const grant = findChart(place, 'trend-grant_rate').data.rows;
    expect(Number(grant[1]?.[3]) - Number(grant[0]?.[3])).toBe(20 - Number(base.tables.requests.granted?.total?.value));
  });

  it('names the page and the reports in the source line, the span of years and how many', () => {
    const entry = findChart(place, 'trend-grant_rate');
    const home = describeChartHome(place, entry);
    expect(home).toEqual({
      embedHref: '/embed/jurisdictions/230881/trend-grant_rate/',
      frameId: 'jurisdictions/230881/trend-grant_rate',
      fileStem: '230881-trend-grant_rate',
      pagePath: '/jurisdictions/230881/',
      pageText: '同江市',
      reportsText: '页所列同江市人民政府 2020–2021 年的 2 份年度报告',
      author: '同江市人民政府',
      ogImagePath: '/jurisdictions/230881/og.png',
    });
  });
});

describe('the embed page, oEmbed and image words of a page chart', () => {
  const place = findJurisdictionPlace(content.reports, '230881');
  const entry = findChart(place, 'prior-year');
  const [chart] = renderChartViews([entry], createSvgCache(null, 'memory', 'code'));
  if (!chart) throw new Error('the year-before chart did not render');
  const home = describeChartHome(place, entry);

  it('links back to the chart on the jurisdiction page and says where the numbers come from', () => {
    const view = buildHomeEmbedPageView(home, chart, SITE);
    expect([view.pageHref, view.pageText, view.reportsText, view.csv, view.oembedHref, view.ogImage, view.frameId]).toEqual([
      'https://gongkai.example.org/jurisdictions/230881/#chart-prior-year',
      '同江市',
      '页所列同江市人民政府 2020 年的 1 份年度报告',
      { href: '/embed/jurisdictions/230881/prior-year/data.csv', download: '230881-prior-year.csv' },
      'https://gongkai.example.org/embed/jurisdictions/230881/prior-year/oembed.json',
      'https://gongkai.example.org/jurisdictions/230881/og.png',
      'jurisdictions/230881/prior-year',
    ]);
    expect(buildHomeChartImageText(home, chart, SITE).source).toEqual(['来源：“同江市”页所列同江市人民政府 2020 年的 1 份年度报告', '公开 gongkai 整理，CC BY 4.0 · https://gongkai.example.org/jurisdictions/230881/']);
  });

  it('gives a rich oEmbed whose html is the snippet the page offers', () => {
    const links = buildHomeEmbedLinks(home, chart, SITE);
    expect(buildHomeOembed(home, chart, SITE)).toEqual({
      version: '1.0',
      type: 'rich',
      title: chart.title,
      author_name: '同江市人民政府',
      author_url: 'https://gongkai.example.org/jurisdictions/230881/',
      provider_name: '公开 gongkai',
      provider_url: 'https://gongkai.example.org/',
      html: `<iframe src="https://gongkai.example.org/embed/jurisdictions/230881/prior-year/" title="${chart.title}" width="100%" height="${estimateEmbedHeight(chart)}" style="border:0" loading="lazy"></iframe><script async src="https://gongkai.example.org/embed.js"></script>`,
      width: 720,
      height: estimateEmbedHeight(chart),
    });
    expect(links.snippet).toBe(buildHomeOembed(home, chart, SITE).html);
    expect(links.png).toEqual({ svg: '/embed/jurisdictions/230881/prior-year/chart.svg', download: '230881-prior-year.png' });
  });

  it('says how many reports a ranking ranks, and links to the comparison page', () => {
    const listed = listCompareChartPlaces(content.reports, content.jurisdictions).find((p) => p.place.kind === 'compare' && p.place.page.year === 2020 && p.place.page.metric.id === 'grant_rate');
    if (!listed) throw new Error('no comparison of grant_rate in 2020');
    const county = findChart(listed.place, 'ranking-county');
    const counties = content.reports.filter((r) => r.meta.year === 2020 && !REPORT_ID.exec(r.meta.id)?.[2] && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === 'county');
    expect(counties.length).toBeGreaterThan(1);
    const rankingHome = describeChartHome(listed.place, county);
    expect([rankingHome.embedHref, rankingHome.pagePath, rankingHome.pageText, rankingHome.reportsText, rankingHome.author, rankingHome.ogImagePath]).toEqual([
      '/embed/compare/2020/grant_rate/ranking-county/',
      '/compare/2020/grant_rate/',
      '2020 年各地公开率比较',
      `页所列 ${counties.length} 份 2020 年度报告`,
      COMPARE_AUTHOR,
      '/years/2020/og.png',
    ]);
  });
});
