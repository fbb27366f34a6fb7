/**
 * Every chart the site builds reads in black and white: any two series or categories that share a
 * legend differ by something besides colour (a dash, a point symbol, a fill pattern or a direct
 * label), in the option and in the SVG ECharts renders from it, and cautions and the form-change
 * marker do not depend on hue. The charts are the ones the pages list (src/charts/chart-sets.ts, ranking.ts) for
 * the committed reports, plus a four-year series made from a real report that changes form, which
 * the committed content (one year per jurisdiction) does not have.
 */
import { describe, expect, it } from 'vitest';
import { loadCommittedContent, moveToYear, restateOnF2021, setCellValue } from '../fixtures/committed-content.ts';
import { METRICS } from '../metrics/metric-specs.ts';
import type { CheckedReport, ParsedReport } from '../reports/types.ts';
import { listJurisdictionCharts, listReportCharts } from './chart-sets.ts';
import { listRankingCharts } from './ranking.ts';
import type { ChartEntry } from './chart-entry.ts';
import { listComparePages, TREND_METRIC_IDS } from '../views/compare-view.ts';
import { listGovernmentSeries } from '../views/site-views.ts';
import type { BuiltChart } from './chart-theme.ts';
import { BAR_PATTERNS, buildBarStyle, LINE_MARKS } from './marks.ts';
import { INK } from './palette.ts';
import { renderChartSvg } from './render-svg.ts';

const content = loadCommittedContent();
const j = content.jurisdictions;
const WIDTHS = [360, 720];

/** A variant made from a real report (never checked, so without rule outcomes). */
const variant = (report: ParsedReport): CheckedReport => ({ ...report, outcomes: [] });

/** 伊春市 2019–2022: two years on each form, so its trends have two lines, a legend and a break. */
function buildFormChangeSeries(): CheckedReport[] {
  const base = content.reports.find((r) => r.meta.id === '230700-2020');
  if (!base) throw new Error('no committed report 230700-2020');
  const granted = { table: 'requests', row: 'granted', column: 'total' } as const;
  return [
    variant(moveToYear(setCellValue(base, granted, 10), 2019)),
    base,
    variant(moveToYear(restateOnF2021(base), 2021)),
    variant(moveToYear(restateOnF2021(setCellValue(base, granted, 20)), 2022)),
  ];
}

/** One drawable chart of a page, laid out at a width. */
interface SiteChart {
  readonly where: string;
  /** The chart kind: the entry key without its metric or level. */
  readonly kind: string;
  readonly built: BuiltChart;
}

/** Every drawable chart of the report, jurisdiction and comparison pages, at both widths. */
function listSiteCharts(): SiteChart[] {
  const entries: { where: string; entry: ChartEntry }[] = [];
  for (const r of content.reports) for (const entry of listReportCharts(r, j)) entries.push({ where: r.meta.id, entry });
  for (const juris of j.all) {
    const series = listGovernmentSeries(content.reports, juris.code);
    if (series.length) for (const entry of listJurisdictionCharts(series, TREND_METRIC_IDS, j)) entries.push({ where: juris.code, entry });
  }
  for (const entry of listJurisdictionCharts(buildFormChangeSeries(), METRICS.map((m) => m.id), j)) entries.push({ where: '230700 (2019–2022 variant)', entry });
  for (const page of listComparePages(content.reports)) {
    for (const entry of listRankingCharts(content.reports, page.metric.id, page.year, j)) entries.push({ where: `${page.year}/${page.metric.id}`, entry });
  }
  return entries.flatMap(({ where, entry }) =>
    entry.build ? WIDTHS.map((w) => ({ where: `${where} ${entry.key} @${w}`, kind: entry.key.replace(/^(trend|ranking)-.*$/, '$1'), built: entry.build!(w) })) : [],
  );
}

type Loose = Record<string, unknown>;
interface SeriesLike extends Loose {
  type: string;
  name?: string;
  symbol?: string;
  lineStyle?: Loose;
  itemStyle?: Loose;
  label?: Loose;
  data?: unknown[];
}
const seriesOf = (built: BuiltChart): SeriesLike[] => (built.option as { series?: SeriesLike[] }).series ?? [];

/** The names a chart's legend lists: none when it has no legend or hides it. */
function listLegendNames(built: BuiltChart): string[] {
  const legend = (built.option as { legend?: Loose }).legend;
  if (!legend || legend.show === false) return [];
  return (legend.data as string[] | undefined) ?? seriesOf(built).flatMap((s) => (s.name ? [s.name] : []));
}

/** A decal without its colour. */
function describeDecal(decal: Loose): string {
  const { color: _color, ...shape } = decal;
  return JSON.stringify(shape);
}

/**
 * What tells a series apart without colour, as text: a line's dash and symbol; a bar's fill pattern,
 * and whether every drawn bar carries the series' name in its label. Fails on a series type that has
 * no rule here, so a new kind of chart cannot pass unexamined.
 */
function describeNonColourMarks(series: SeriesLike): string {
  if (series.type === 'line') return `line dash=${JSON.stringify(series.lineStyle?.type ?? 'solid')} symbol=${series.symbol ?? 'emptyCircle'}`;
  if (series.type === 'bar') {
    const decal = series.itemStyle?.decal as Loose | undefined;
    const drawn = (series.data ?? []).filter((d) => d !== '-' && !(typeof d === 'object' && d !== null && (d as Loose).value === '-'));
    const named = drawn.length > 0 && drawn.every((d) => {
      const label = typeof d === 'object' && d !== null ? ((d as Loose).label as Loose | undefined) : undefined;
      return label?.show === true && typeof label.formatter === 'string' && label.formatter.includes(series.name ?? '\u0000');
    });
    return `bar pattern=${decal ? describeDecal(decal) : 'none'}${named ? ` label=${series.name}` : ''}`;
  }
  throw new Error(`no black-and-white rule for a ${series.type} series`);
}

const charts = listSiteCharts();

describe('the charts the site builds', () => {
  it('are every chart kind of the report, jurisdiction and comparison pages, with legends of several entries among them', () => {
    expect(new Set(charts.map((c) => c.kind))).toEqual(new Set(['flow', 'applicants', 'appeals', 'active', 'prior-year', 'trend', 'ranking']));
    const legendKinds = new Set(charts.filter((c) => listLegendNames(c.built).length > 1).map((c) => c.kind));
    expect(legendKinds).toEqual(new Set(['applicants', 'appeals', 'active', 'trend']));
  });
});

describe('black and white', () => {
  it('tells apart any two entries of a legend by a dash, a symbol, a fill pattern or a direct label', () => {
    const failures: string[] = [];
    for (const chart of charts) {
      const names = listLegendNames(chart.built);
      const series = seriesOf(chart.built);
      const marks = names.map((name) => {
        const s = series.find((x) => x.name === name);
        if (!s) throw new Error(`${chart.where}: legend entry ${name} has no series`);
        return describeNonColourMarks(s);
      });
      names.forEach((a, i) =>
        names.slice(i + 1).forEach((b, k) => {
          if (marks[i] === marks[i + 1 + k]) failures.push(`${chart.where}: “${a}” and “${b}” differ by colour only (${marks[i]})`);
        }),
      );
    }
    expect(failures).toEqual([]);
  });

  it('labels every node of a flow directly, with its own text, so no legend is needed', () => {
    const flows = charts.filter((c) => c.kind === 'flow');
    expect(flows.length).toBeGreaterThan(0);
    for (const chart of flows) {
      const [sankey] = seriesOf(chart.built);
      expect(sankey?.type).toBe('sankey');
      expect(sankey?.label?.show).not.toBe(false);
      const texts = (sankey?.data as { label?: { formatter?: unknown } }[]).map((n) => n.label?.formatter);
      for (const t of texts) expect(typeof t === 'string' && t.trim().length > 0, `${chart.where}: a node without a label`).toBe(true);
      expect(new Set(texts).size, chart.where).toBe(texts.length);
    }
  });

  it('gives every chart without a legend a single series, or one per panel with its own title', () => {
    for (const chart of charts.filter((c) => listLegendNames(c.built).length === 0 && c.kind !== 'flow')) {
      // A ranking whose every value stands on a small base draws no bar, only the list apart.
      const listOnly = chart.kind === 'ranking' && seriesOf(chart.built).length === 0 && ((chart.built.option as { graphic?: unknown[] }).graphic ?? []).length > 0;
      if (!listOnly) expect(seriesOf(chart.built).length, chart.where).toBe(1);
    }
    for (const chart of charts.filter((c) => c.kind === 'active')) {
      const legend = new Set(listLegendNames(chart.built));
      const outside = seriesOf(chart.built).filter((s) => !legend.has(s.name ?? ''));
      const titles = ((chart.built.option as { title: { text: string }[] }).title ?? []).map((t) => t.text);
      for (const s of outside) expect(titles, `${chart.where}: ${s.name}`).toContain(s.name);
    }
  });

  it('marks a small base by a text or a hollow mark, not by hue', () => {
    let rankings = 0;
    let trends = 0;
    for (const chart of charts) {
      if (chart.kind === 'ranking') {
        // A small base is not a pale bar but a line of text under the bars: “n件中m件”.
        const texts = ((chart.built.option as { graphic?: { style: { text: string } }[] }).graphic ?? []).map((g) => g.style.text);
        rankings += texts.filter((t) => /^\d+件中\d+件/.test(t)).length;
        for (const s of seriesOf(chart.built)) for (const d of (s.data ?? []) as Loose[]) expect((d.label as Loose).formatter, chart.where).not.toMatch(/件中/);
      }
      for (const s of seriesOf(chart.built)) {
        for (const d of (s.data ?? []) as Loose[]) {
          const style = d.itemStyle as Loose | undefined;
          if (chart.kind === 'trend' && typeof style?.borderColor === 'string') {
            trends += 1;
            // A faint fill inside a full-strength ring: lighter, so it reads in grey too.
            expect(style.color, chart.where).toMatch(/^rgba\(\d+,\d+,\d+,0\.[0-3]\d*\)$/);
            expect(style.borderWidth, chart.where).toBeGreaterThanOrEqual(1);
          }
        }
      }
    }
    expect(rankings).toBeGreaterThan(0);
    expect(trends).toBeGreaterThan(0);
  });

  it('draws the change of form as a dashed rule in ink, labelled in full ink', () => {
    const changes = charts.filter((c) => c.kind === 'trend' && seriesOf(c.built).some((s) => s.markLine));
    expect(changes.length).toBeGreaterThan(0);
    for (const chart of changes) {
      const markLine = seriesOf(chart.built).find((s) => s.markLine)?.markLine as { lineStyle: Loose; label: Loose };
      expect(markLine.lineStyle).toMatchObject({ color: INK, type: 'dashed' });
      expect(markLine.label).toMatchObject({ color: INK, opacity: 1, formatter: '表式变更' });
    }
  });
});

/** Escapes text for a regular expression. */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An element's markup without its colours, its position and its id. */
function stripColours(markup: string): string {
  return markup
    .replace(/ (fill|stroke|fill-opacity|stroke-opacity|id)="(?!url)[^"]*"/g, '')
    .replace(/ transform="translate\([^)]*\)"/g, '');
}

/**
 * The legend icon of each name in a rendered chart, colours left out and fill patterns written out:
 * the elements before the legend text that share its position.
 */
function readLegendIcons(svg: string, names: readonly string[]): string[] {
  const patterns = new Map([...svg.matchAll(/<pattern [^>]*id="([^"]+)"[^>]*>[\s\S]*?<\/pattern>/g)].map((m) => [m[1], stripColours(m[0])]));
  return names.map((name) => {
    const text = new RegExp(`<text [^>]*x="[^"]*"[^>]*transform="(translate\\([^)]*\\))"[^>]*>${escapeRegExp(name)}</text>`).exec(svg);
    if (!text) throw new Error(`no legend text ${name}`);
    const before = svg.slice(0, text.index).split('\n').reverse();
    const icon: string[] = [];
    for (const line of before.slice(1)) {
      if (!line.includes(`transform="${text[1]}"`) || line.startsWith('<text')) break;
      icon.unshift(stripColours(line).replace(/ fill="url\(#([^)]+)\)"/, (_m, id: string) => ` fill=${patterns.get(id) ?? 'missing pattern'}`));
    }
    expect(icon.length, `legend icon of ${name}`).toBeGreaterThan(0);
    return icon.join('\n');
  });
}

describe('black and white in the rendered SVG', () => {
  const withLegends = charts.filter((c) => listLegendNames(c.built).length > 1);

  it('draws legend icons that differ with the colours taken out', () => {
    expect(withLegends.length).toBeGreaterThan(0);
    for (const chart of withLegends) {
      const names = listLegendNames(chart.built);
      const icons = readLegendIcons(renderChartSvg(chart.built.option, chart.built.size), names);
      expect(new Set(icons).size, `${chart.where}: ${names.join(' / ')}`).toBe(names.length);
    }
  });

  it('lays the pattern over every bar of a patterned series and lets the pointer through to the bar', () => {
    let overlays = 0;
    let plain = 0;
    for (const chart of withLegends.filter((c) => c.kind !== 'trend')) {
      const svg = renderChartSvg(chart.built.option, chart.built.size);
      seriesOf(chart.built).forEach((s, index) => {
        const marks = [...svg.matchAll(new RegExp(`<path d="([^"]+)" fill="[^"]+" ecmeta_series_index="${index}" [^>]*></path>\\n(.*)`, 'g'))];
        for (const [, d, next] of marks) {
          const overlay = `<path d="${d}" fill="url(#`;
          if (s.itemStyle?.decal) {
            expect(next?.startsWith(overlay), `${chart.where} series ${index}`).toBe(true);
            expect(next).toMatch(/ pointer-events="none"><\/path>$/);
            overlays += 1;
          } else {
            expect(next?.startsWith(overlay), `${chart.where} series ${index}`).toBe(false);
            plain += 1;
          }
        }
      });
    }
    expect(overlays).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
  });
});

describe('marks', () => {
  it('gives every line mark its own dash and symbol, the first one solid', () => {
    expect(LINE_MARKS[0]).toEqual({ dash: 'solid', symbol: 'circle' });
    expect(new Set(LINE_MARKS.map((m) => JSON.stringify(m.dash))).size).toBe(LINE_MARKS.length);
    expect(new Set(LINE_MARKS.map((m) => m.symbol)).size).toBe(LINE_MARKS.length);
  });

  it('draws patterns in black on light bars and white on dark ones, leaving the first bar series plain', () => {
    expect(BAR_PATTERNS[0]).toBe('none');
    expect(buildBarStyle('#0072B2', 'none')).toEqual({ color: '#0072B2' });
    expect(buildBarStyle('#0072B2', 'stripes').decal?.color).toBe('rgba(255,255,255,0.55)');
    expect(buildBarStyle('#F0E442', 'dots').decal?.color).toBe('rgba(0,0,0,0.55)');
    const shapes = BAR_PATTERNS.slice(1).map((p) => describeDecal({ ...buildBarStyle('#8C8C8C', p).decal }));
    expect(new Set(shapes).size).toBe(BAR_PATTERNS.length - 1);
  });
});
