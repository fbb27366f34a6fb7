/**
 * The embeds of the jurisdiction and comparison charts in the built site: every chart has its embed
 * page (source line back to its page, data link, oEmbed discovery), oEmbed JSON, CSV, SVG and PNG,
 * and its page links to them and offers the snippet. The CSV's figures are checked against numbers
 * computed here from the hand-checked values of the corpus reports (src/fixtures/corpus/expected)
 * through the cells each metric declares, so neither the chart code nor the content parser is
 * trusted. The images have no text left, only outlines, and their Chinese title is drawn with no
 * system fonts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import { writeChartCsv } from '../src/embeds/chart-csv.ts';
import { CHART_IMAGE_PADDING } from '../src/embeds/chart-image.ts';
import type { OembedJson } from '../src/embeds/embed-view.ts';
import { describeChartHome, listCompareChartPlaces, listJurisdictionChartPlaces, listPlaceCharts, type ChartPlace } from '../src/views/page-chart-homes.ts';
import { readExpectedReport } from '../src/fixtures/committed-content.ts';
import { measureInk } from '../src/fixtures/measure-ink.ts';
import { listMetricCells } from '../src/metrics/derive-metrics.ts';
import { findMetric } from '../src/metrics/metric-specs.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { REPORT_ID } from '../src/reports/report-id.ts';
import type { CheckedReport } from '../src/reports/types.ts';
import { EMBED_SCRIPT_PATH, listEmbedFiles } from '../src/site/paths.ts';

const dist = inject('distDir');
const content = loadContent(nodeContentFs, 'content');
const places = [...listJurisdictionChartPlaces(content.reports, content.jurisdictions), ...listCompareChartPlaces(content.reports, content.jurisdictions)];
const charts = places.flatMap(({ place }) => listPlaceCharts(place, content.jurisdictions).map((entry) => ({ place, entry, home: describeChartHome(place, entry) })));

/** Reads a built file by its URL path. */
function readBuilt(path: string): Buffer {
  return readFileSync(join(dist, path.endsWith('/') ? `${path}index.html` : path));
}

/** The page that shows a place's charts. */
function pagePathOf(place: ChartPlace): string {
  if (place.kind === 'jurisdiction') return `/jurisdictions/${place.jurisdiction.code}/`;
  if (place.kind === 'publisher') return `/publishers/${place.publisher.key}/`;
  return `/compare/${place.page.year}/${place.page.metric.id}/`;
}

/** A metric of a report computed from its hand-checked cells: null where a cell is blank or not on the form, or the denominator is 0. */
function computeMetric(report: CheckedReport, metricId: string): { value: number | null; numerator: number | null; denominator: number | null } {
  const metric = findMetric(metricId);
  if (!metric) throw new Error(`no metric ${metricId}`);
  const expected = readExpectedReport(report.meta.id);
  const cells = listMetricCells(metric, report.form);
  const sum = (refs: typeof cells.numerator): number | null => {
    let total = 0;
    for (const ref of refs) {
      const v = expected.tables[ref.table]?.[ref.row]?.[ref.column];
      if (v === undefined || v === null) return null;
      total += v;
    }
    return total;
  };
  const numerator = sum(cells.numerator);
  const denominator = metric.denominator ? sum(cells.denominator) : null;
  if (numerator === null || (metric.denominator && (denominator === null || denominator === 0))) return { value: null, numerator, denominator };
  const value = denominator === null ? numerator : metric.unit === 'per100' ? (numerator / denominator) * 100 : numerator / denominator;
  return { value, numerator, denominator };
}

/** Parses a built chart CSV: its header and rows, numbers as numbers, empty fields as null. */
function readCsv(path: string): { header: string[]; rows: (string | number | null)[][] } {
  const text = readBuilt(path).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...rows] = parsed.data;
  return { header, rows: rows.map((r) => r.map((v) => (v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v))) };
}

/** Escapes text as Astro writes it in an attribute or element. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('the embeds of the jurisdiction and comparison charts', () => {
  it('covers both kinds of page', () => {
    // Every place with its government's report has a chart: with one year on file, what the report says of the year before.
    const places = new Set(content.reports.filter((r) => !REPORT_ID.exec(r.meta.id)?.[2]).map((r) => r.meta.jurisdiction));
    expect(new Set(charts.filter((c) => c.place.kind === 'jurisdiction').map((c) => (c.place.kind === 'jurisdiction' ? c.place.jurisdiction.code : '')))).toEqual(places);
    expect(charts.filter((c) => c.place.kind === 'compare').length).toBeGreaterThan(10);
  });

  it.each(charts.map((c) => [c.home.embedHref, c] as const))('%s: its page, oEmbed, CSV and SVG are built and linked from the page that shows it, with its 下载 PNG button (the CSV alone where nothing is drawn)', (_href, { place, entry, home }) => {
    const files = listEmbedFiles(home.embedHref);
    for (const path of [home.embedHref, files.oembed, files.csv, files.svg]) expect(existsSync(join(dist, path.endsWith('/') ? `${path}index.html` : path)), path).toBe(true);
    const pageHtml = readBuilt(pagePathOf(place)).toString('utf8');
    const json = JSON.parse(readBuilt(files.oembed).toString('utf8')) as OembedJson;
    const offersSnippet = pageHtml.includes(escapeHtml(json.html)) || pageHtml.includes(escapeHtml(json.html).replace(/&quot;/g, '"'));
    expect(pageHtml).toContain(`href="${files.csv}"`);
    if (entry.build) {
      for (const href of [home.embedHref, files.svg]) expect(pageHtml).toContain(`href="${href}"`);
      expect(pageHtml).toContain(`data-png-svg="${files.svg}" data-png-name="${home.fileStem}.png"`);
      expect(offersSnippet, 'the page offers the oEmbed html as its snippet').toBe(true);
    } else {
      // Nothing to draw: the page offers the data, not an image or an embed of a sentence.
      expect(pageHtml).not.toContain(`href="${files.svg}"`);
      expect(offersSnippet, 'no snippet for a chart with nothing to draw').toBe(false);
    }
    const embed = readBuilt(home.embedHref).toString('utf8');
    const site = new URL(json.provider_url).origin;
    expect(embed).toContain(`<link rel="alternate" type="application/json+oembed" href="${site}${files.oembed}"`);
    expect(embed).toContain(`<h1 id="embed-title">${escapeHtml(entry.title)}</h1>`);
    // The source line: back to the chart on its page, which reports, the data link; nothing of the site's chrome.
    expect(embed).toContain(`href="${site}${pagePathOf(place)}#chart-${entry.key}"`);
    expect(embed).toContain(escapeHtml(home.reportsText));
    expect(embed).toContain(`href="${files.csv}"`);
    expect(embed).toContain(`data-png-svg="${files.svg}" data-png-name="${home.fileStem}.png"`);
    // Its link preview is its page's card (the jurisdiction's or the year's), which exists.
    const og = /<meta property="og:image" content="([^"]+)"/.exec(embed)?.[1] ?? '';
    expect(new URL(og).pathname).toBe(home.ogImagePath);
    expect(existsSync(join(dist, home.ogImagePath)), home.ogImagePath).toBe(true);
    expect(embed).toContain('<body class="embed">');
    expect(embed).not.toMatch(/<(header|nav|footer) class="site"/);
  });

  it.each([['committed content', dist], ['department corpus', inject('departmentsDistDir')]] as const)('on every page of the site built from the %s, offers an image, a 下载 PNG button and an embed exactly for the charts that draw something', (_name, root) => {
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.html'));
    let drawn = 0;
    let undrawn = 0;
    for (const page of pages) {
      const html = readFileSync(join(root, page), 'utf8');
      for (const figure of html.split('<figure class="chart"').slice(1).map((f) => f.slice(0, f.indexOf('</figure>')))) {
        if (!figure.includes('class="chart-files"')) continue;
        const draws = figure.includes('class="chart-svg');
        if (draws) drawn += 1;
        else undrawn += 1;
        const where = `${page}: ${/id="([^"]+)"/.exec(figure)?.[1] ?? '?'}`;
        expect(/href="[^"]+\.csv"/.test(figure), `${where} links its CSV`).toBe(true);
        expect(/href="[^"]+\.svg"/.test(figure), `${where} links an SVG`).toBe(draws);
        expect(figure.includes('data-png-svg='), `${where} offers 下载 PNG`).toBe(draws);
        expect(figure.includes('class="chart-embed"'), `${where} offers an embed`).toBe(draws);
      }
    }
    expect(drawn, 'charts that draw something').toBeGreaterThan(0);
    expect(drawn + undrawn, 'charts with files').toBeGreaterThan(5);
  });

  it('writes oEmbed JSON of type rich whose html is the iframe snippet', () => {
    for (const { entry, home } of charts) {
      const files = listEmbedFiles(home.embedHref);
      const json = JSON.parse(readBuilt(files.oembed).toString('utf8')) as OembedJson;
      expect(Object.keys(json).sort()).toEqual(['author_name', 'author_url', 'height', 'html', 'provider_name', 'provider_url', 'title', 'type', 'version', 'width']);
      expect([json.version, json.type, json.title, json.author_name]).toEqual(['1.0', 'rich', entry.title, home.author]);
      const site = new URL(json.provider_url).origin;
      expect(json.author_url).toBe(`${site}${home.pagePath}`);
      expect(json.html).toBe(`<iframe src="${site}${home.embedHref}" title="${escapeHtml(entry.title)}" width="100%" height="${json.height}" style="border:0" loading="lazy"></iframe><script async src="${site}${EMBED_SCRIPT_PATH}"></script>`);
    }
  });

  it('writes each year-before chart’s CSV from the report’s own cells', () => {
    let checked = 0;
    for (const { place, entry, home } of charts) {
      if (place.kind !== 'jurisdiction' || entry.key !== 'prior-year') continue;
      const [report] = place.series;
      if (!report) throw new Error(`${home.embedHref}: no report`);
      const expected = readExpectedReport(report.meta.id);
      const { header, rows } = readCsv(listEmbedFiles(home.embedHref).csv);
      expect(header.slice(0, 2)).toEqual(['项目', '代码']);
      for (const row of rows) {
        const code = String(row[1]);
        if (code === 'carried_over') expect(row[2], home.embedHref).toBe(expected.tables.requests.carried_over?.total ?? null);
        else expect([row[2], row[3]], `${home.embedHref} ${code}`).toEqual([expected.tables.active[code]?.prev_items ?? null, expected.tables.active[code]?.change ?? null]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('writes each ranking’s CSV with one row per government report of its year and level: ranked by value (ties share a rank), then those on a small base without a rank, then those without a value; the metric computed from its cells', () => {
    let checked = 0;
    for (const { place, entry, home } of charts) {
      if (place.kind !== 'compare') continue;
      const level = entry.key.slice('ranking-'.length);
      const { year, metric } = place.page;
      const reports = content.reports.filter((r) => r.meta.year === year && !REPORT_ID.exec(r.meta.id)?.[2] && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === level);
      const want = reports.map((r) => ({ code: r.meta.jurisdiction, ...computeMetric(r, metric.id) }));
      const big = want.filter((w) => w.value !== null && (metric.cautionBelow === null || (w.denominator ?? Infinity) >= metric.cautionBelow));
      const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : 1);
      const order = [
        ...[...big].sort((a, b) => (b.value as number) - (a.value as number) || byCode(a, b)),
        ...want.filter((w) => w.value !== null && !big.includes(w)).sort(byCode),
        ...want.filter((w) => w.value === null).sort(byCode),
      ];
      const { header, rows } = readCsv(listEmbedFiles(home.embedHref).csv);
      expect([header[0], header[1], header[2], header[4], header[5]]).toEqual(['地区', '代码', '名次', '分子', '分母']);
      expect(rows.map((r) => String(r[1])), home.embedHref).toEqual(order.map((w) => w.code));
      order.forEach((w, i) => {
        const row = rows[i] ?? [];
        expect(row[0]).toBe(content.jurisdictions.byCode.get(w.code)?.name);
        expect([row[4], row[5]], `${home.embedHref} ${w.code}`).toEqual([w.numerator, w.denominator]);
        if (w.value === null) expect(row[3]).toBeNull();
        else expect(Number(row[3])).toBeCloseTo(w.value, 12);
        // A value counted alone (the province's own report) is drawn without a rank: 第 1 名 among one says nothing.
        expect(row[2], `${home.embedHref} ${w.code} rank`).toBe(big.includes(w) && big.length > 1 ? 1 + big.filter((x) => (x.value as number) > (w.value as number)).length : null);
        if (big.length === 1 && big.includes(w)) expect(String(row[8]), `${home.embedHref} ${w.code} note`).toContain('同级仅此一个地区有可比的数值，不排名');
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('writes every CSV through the site’s CSV writer from the chart’s own numbers', () => {
    for (const { entry, home } of charts) expect(readBuilt(listEmbedFiles(home.embedHref).csv).toString('utf8'), home.embedHref).toBe(writeChartCsv(entry.data));
  });

  it('writes SVGs with every text outlined, the Chinese title drawn with no system fonts', () => {
    const titleBox = { x: CHART_IMAGE_PADDING, y: CHART_IMAGE_PADDING + 4, width: 160, height: 18 };
    for (const { home } of charts) {
      const files = listEmbedFiles(home.embedHref);
      const svg = readBuilt(files.svg).toString('utf8');
      expect(svg, home.embedHref).not.toMatch(/<text\b|currentColor|font-family/);
      expect(svg).toMatch(/<use xlink:href="#/);
      expect(measureInk(svg, titleBox), `${home.embedHref} SVG title`).toBeGreaterThan(0.08);
      expect(measureInk(svg, { ...titleBox, y: 2 }), 'above the title is white').toBe(0);
    }
  });

  it('documents the embed URLs of every kind of chart among the stable URLs of the data page', () => {
    const html = readBuilt('/data/').toString('utf8');
    const urls = html.slice(html.indexOf('id="urls"'));
    for (const pattern of ['/embed/<报告编号>/<图表>/', '/embed/jurisdictions/<地区代码>/<图表>/', '/embed/compare/<年度>/<指标>/<图表>/', '…/oembed.json', '…/data.csv', '/embed.js']) {
      expect(urls).toMatch(new RegExp(`<code[^>]*>${escapeHtml(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</code>`));
    }
  });

  it('keeps the new embed pages out of the sitemap, and their pages in it', () => {
    const sitemap = readBuilt('/sitemap.xml').toString('utf8');
    expect(sitemap).toContain('/jurisdictions/230881/</loc>');
    expect(sitemap).not.toContain('/embed/');
  });
});
