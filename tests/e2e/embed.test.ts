/**
 * Embeds in the built site. In Chromium: a page on another origin embeds a chart with the published
 * snippet and the iframe takes the height of the chart's page (and follows it when the width
 * changes); messages from any other origin are ignored; without the script the default height shows
 * the whole chart at desktop width; `theme` and `plain` work. On the files: every report chart has
 * its embed page, oEmbed JSON, CSV and SVG (no text left, only outlines), whose Chinese title is
 * drawn when rasterised with no system fonts at all; no file of the build is a per-chart PNG; every
 * report page's link preview is its jurisdiction's card, which exists.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeChartCsv } from '../../src/embeds/chart-csv.ts';
import { CHART_IMAGE_PADDING } from '../../src/embeds/chart-image.ts';
import type { OembedJson } from '../../src/embeds/embed-view.ts';
import { RESIZE_MESSAGE } from '../../src/embeds/resize-scripts.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { listReportCharts } from '../../src/charts/chart-sets.ts';
import { SCREENSHOT_DIR, startSiteAndBrowser } from './browser.ts';
import { chartCsvPath, chartSvgPath, EMBED_SCRIPT_PATH, embedOembedPath, embedPath, placeOgImagePath, yearOgImagePath } from '../../src/site/paths.ts';

const dist = inject('distDir');
const content = loadContent(nodeContentFs, 'content');
const charts = content.reports.flatMap((report) => listReportCharts(report, content.jurisdictions).map((entry) => ({ report, entry })));
const SAMPLE = { id: '230881-2020', key: 'flow' };

/** Reads a built file by its URL path. */
function readBuilt(path: string): Buffer {
  return readFileSync(join(dist, path));
}

/** Reads a built oEmbed JSON. */
function readOembed(id: string, key: string): OembedJson {
  return JSON.parse(readBuilt(embedOembedPath(id, key)).toString('utf8')) as OembedJson;
}

/** The width and height a PNG's IHDR chunk declares. */
function readPngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Decodes an image (SVG, or a PNG wrapped in an SVG) to RGBA pixels with resvg, with no system fonts. */
function decodePixels(svg: string): { width: number; height: number; pixels: Buffer } {
  const rendered = new Resvg(svg, { font: { loadSystemFonts: false }, logLevel: 'off' }).render();
  return { width: rendered.width, height: rendered.height, pixels: rendered.pixels };
}

/** Wraps a PNG in an SVG of its own size, so resvg decodes it. */
function wrapPng(png: Buffer): string {
  const { width, height } = readPngSize(png);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
}

/** The share of dark pixels (luminance below one half) in a box of an RGBA image. */
function measureInk(image: { width: number; pixels: Buffer }, box: { x: number; y: number; width: number; height: number }): number {
  let dark = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * image.width + x) * 4;
      const lum = 0.2126 * (image.pixels[i] ?? 255) + 0.7152 * (image.pixels[i + 1] ?? 255) + 0.0722 * (image.pixels[i + 2] ?? 255);
      if (lum < 128) dark += 1;
    }
  }
  return dark / (box.width * box.height);
}

/** The title's box in a chart image at zoom 1: its first line, left-aligned at the padding. */
const TITLE_BOX = { x: CHART_IMAGE_PADDING, y: CHART_IMAGE_PADDING + 4, width: 200, height: 18 };

describe('the embed files of every report chart', () => {
  it.each(charts.map(({ report, entry }) => [report.meta.id, entry.key]))('%s %s: embed page, oEmbed, CSV and SVG are built and linked from the report page, with its 下载 PNG button', (id, key) => {
    for (const path of [embedPath(id, key), embedOembedPath(id, key), chartCsvPath(id, key), chartSvgPath(id, key)]) {
      expect(existsSync(join(dist, path.endsWith('/') ? `${path}index.html` : path)), path).toBe(true);
    }
    const reportHtml = readBuilt(`/reports/${id}/index.html`).toString('utf8');
    expect(reportHtml).toContain(`href="${chartCsvPath(id, key)}"`);
    // A chart with nothing to draw offers its CSV only (see chart-embeds.test.ts).
    const draws = charts.find((c) => c.report.meta.id === id && c.entry.key === key)?.entry.build != null;
    for (const href of [embedPath(id, key), chartSvgPath(id, key)]) expect(reportHtml.includes(`href="${href}"`), href).toBe(draws);
    expect(reportHtml.includes(`data-png-svg="${chartSvgPath(id, key)}" data-png-name="${id}-${key}.png"`)).toBe(draws);
    const page = readBuilt(`${embedPath(id, key)}index.html`).toString('utf8');
    expect(page).toMatch(new RegExp(`<link rel="alternate" type="application/json\\+oembed" href="https?://[^"]+${embedOembedPath(id, key).replace(/\//g, '\\/')}"`));
  });

  it('writes oEmbed JSON of type rich whose html is the snippet the report page offers where the chart draws something (no thumbnail: no raster image per chart)', () => {
    for (const { report, entry } of charts) {
      const json = readOembed(report.meta.id, entry.key);
      expect(Object.keys(json).sort()).toEqual(['author_name', 'author_url', 'height', 'html', 'provider_name', 'provider_url', 'title', 'type', 'version', 'width']);
      expect([json.version, json.type, json.title, json.provider_name, json.author_name]).toEqual(['1.0', 'rich', entry.title, '公开 gongkai', report.meta.publisher]);
      expect(Number.isInteger(json.width) && Number.isInteger(json.height) && json.height > 100).toBe(true);
      const site = new URL(json.provider_url).origin;
      expect(json.html).toBe(
        `<iframe src="${site}${embedPath(report.meta.id, entry.key)}" title="${entry.title}" width="100%" height="${json.height}" style="border:0" loading="lazy"></iframe><script async src="${site}${EMBED_SCRIPT_PATH}"></script>`,
      );
      // The report page's textarea holds the same snippet, HTML-escaped.
      const escaped = json.html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      const reportHtml = readBuilt(`/reports/${report.meta.id}/index.html`).toString('utf8');
      expect(reportHtml.includes(escaped) || reportHtml.includes(escaped.replace(/&quot;/g, '"')), `${report.meta.id} ${entry.key} snippet offered exactly when drawn`).toBe(entry.build != null);
    }
  });

  it('writes each chart CSV as the chart data through the site CSV writer, parsing back to its numbers', () => {
    for (const { report, entry } of charts) {
      const text = readBuilt(chartCsvPath(report.meta.id, entry.key)).toString('utf8');
      expect(text).toBe(writeChartCsv(entry.data));
      const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data[0]).toEqual(entry.data.columns);
      // An empty field is no value: a blank number (null) and an empty text ('') read back alike.
      const expected = entry.data.rows.map((row) => row.map((v) => (v === '' ? null : v)));
      expect(parsed.data.slice(1).map((row) => row.map((v) => (v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)))).toEqual(expected);
    }
  });

  it('writes SVGs with every text outlined', () => {
    for (const { report, entry } of charts) {
      const svg = readBuilt(chartSvgPath(report.meta.id, entry.key)).toString('utf8');
      expect(svg).not.toMatch(/<text\b|currentColor|font-family/);
      expect(svg).toMatch(/<use xlink:href="#/);
      expect(svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);
    }
  });

  it('draws the Chinese title of the SVG with no system fonts (ink in the title box, none where it is blank)', () => {
    for (const { report, entry } of charts) {
      const svg = decodePixels(readBuilt(chartSvgPath(report.meta.id, entry.key)).toString('utf8'));
      expect(measureInk(svg, TITLE_BOX), `${report.meta.id} ${entry.key} SVG title`).toBeGreaterThan(0.08);
      expect(measureInk(svg, { ...TITLE_BOX, y: 2, height: 18 }), 'above the title is white').toBe(0);
    }
  });

  it('writes no per-chart PNG, nor any per-report image: the only PNGs are the places’ and years’ cards', () => {
    const pngs = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.png')).map((p) => `/${p}`);
    const cards = new Set([...content.jurisdictions.all.map((j) => placeOgImagePath(j.code)), ...content.reports.map((r) => yearOgImagePath(r.meta.year))]);
    expect(pngs.filter((p) => p.startsWith('/embed/') || p.startsWith('/reports/'))).toEqual([]);
    expect(pngs.filter((p) => !cards.has(p))).toEqual([]);
    expect(pngs.length).toBe(cards.size);
  });

  it('gives every report page an og:image that exists: its jurisdiction’s 1200×630 card, with its name drawn', () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const report of content.reports) {
      const html = readBuilt(`/reports/${report.meta.id}/index.html`).toString('utf8');
      const og = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1] ?? '';
      const path = new URL(og).pathname;
      expect(path).toBe(placeOgImagePath(report.meta.jurisdiction));
      expect(existsSync(join(dist, path)), path).toBe(true);
      const png = readBuilt(path);
      expect(readPngSize(png)).toEqual({ width: 1200, height: 630 });
      expect(measureInk(decodePixels(wrapPng(png)), { x: 56, y: 110, width: 400, height: 44 }), `${path} title`).toBeGreaterThan(0.1);
    }
    copyFileSync(join(dist, placeOgImagePath('230881')), join(SCREENSHOT_DIR, 'og-230881.png'));
  });

  it('gives the year and comparison pages the year’s card, and the jurisdiction pages and embeds theirs', () => {
    const ogOf = (path: string): string => new URL(/<meta property="og:image" content="([^"]+)"/.exec(readBuilt(path).toString('utf8'))?.[1] ?? 'http://x/').pathname;
    expect(ogOf('/years/2020/index.html')).toBe(yearOgImagePath(2020));
    expect(ogOf('/compare/2020/grant_rate/index.html')).toBe(yearOgImagePath(2020));
    expect(ogOf('/jurisdictions/230881/index.html')).toBe(placeOgImagePath('230881'));
    expect(ogOf(`${embedPath(SAMPLE.id, SAMPLE.key)}index.html`)).toBe(placeOgImagePath('230881'));
    const year = readBuilt(yearOgImagePath(2020));
    expect(readPngSize(year)).toEqual({ width: 1200, height: 630 });
    expect(measureInk(decodePixels(wrapPng(year)), { x: 56, y: 110, width: 400, height: 44 }), 'year card title').toBeGreaterThan(0.1);
  });

  it('keeps the embed pages out of the sitemap (their charts are on the report pages, which are in it)', () => {
    const sitemap = readBuilt('/sitemap.xml').toString('utf8');
    expect(sitemap).toContain(`/reports/${SAMPLE.id}/</loc>`);
    expect(sitemap).not.toContain('/embed/');
  });

  it('serves the host script', () => {
    const script = readBuilt(EMBED_SCRIPT_PATH).toString('utf8');
    expect(script).toContain(JSON.stringify(RESIZE_MESSAGE));
    expect(() => new Function(script)).not.toThrow();
  });
});

describe('an embedded chart in Chromium', () => {
  const site = startSiteAndBrowser();
  let host: Server;
  let hostOrigin = '';
  /** The host site's pages by path, set by each test. */
  const hostPages = new Map<string, string>();

  beforeAll(async () => {
    host = createServer((req, res) => {
      const html = hostPages.get(req.url ?? '');
      res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => host?.close(() => resolve()));
  });

  /** The published snippet of the sample chart, pointed at the test server instead of the site's address. */
  function readSnippet(): { html: string; height: number } {
    const json = readOembed(SAMPLE.id, SAMPLE.key);
    return { html: json.html.replaceAll(new URL(json.provider_url).origin, site.origin), height: json.height };
  }

  /** Opens a page in a fresh context that may load only from the host and the site; records console errors. */
  async function open(url: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await site.browser.newContext({ viewport: { width: options.width ?? 1000, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
    await context.route('**/*', (route) => {
      const target = route.request().url();
      return target.startsWith(`${site.origin}/`) || target.startsWith(`${hostOrigin}/`) ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    return { page, context, errors };
  }

  /** The iframe's height and the height of the document inside it. */
  async function measureFrame(page: Page): Promise<{ iframe: number; document: number }> {
    const frame = page.frames().find((f) => f.url().startsWith(site.origin));
    if (!frame) throw new Error('the embedded frame did not load');
    await frame.waitForLoadState('load');
    const documentHeight = await frame.evaluate(() => document.body.getBoundingClientRect().height);
    const iframe = await page.evaluate(() => document.querySelector('iframe')?.getBoundingClientRect().height ?? 0);
    return { iframe, document: documentHeight };
  }

  it('takes the height of the chart page on another origin, follows width changes, and ignores other origins', async () => {
    const snippet = readSnippet();
    // The default height is made far off, so only the script can bring the iframe to the page's height.
    snippet.html = snippet.html.replace(`height="${snippet.height}"`, 'height="150"');
    snippet.height = 150;
    hostPages.set('/article', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head><body style="margin:0"><p>Text before.</p><div id="box" style="width:420px">${snippet.html}</div><p>Text after.</p></body></html>`);
    const { page, context, errors } = await open(`${hostOrigin}/article`);
    try {
      await page.waitForFunction((h) => (document.querySelector('iframe')?.getBoundingClientRect().height ?? h) !== h, snippet.height, { timeout: 10_000 });
      let m = await measureFrame(page);
      expect(m.document - snippet.height).toBeGreaterThan(100);
      expect(Math.abs(m.iframe - m.document)).toBeLessThanOrEqual(2);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'embed-host-420.png'), fullPage: true });

      const before = m.iframe;
      await page.evaluate(() => {
        (document.getElementById('box') as HTMLElement).style.width = '760px';
      });
      await page.waitForFunction((b) => Math.abs((document.querySelector('iframe')?.getBoundingClientRect().height ?? b) - b) > 5, before, { timeout: 10_000 });
      m = await measureFrame(page);
      expect(Math.abs(m.iframe - m.document)).toBeLessThanOrEqual(2);

      // A resize message from the host's own origin (not the site's) changes nothing.
      const settled = m.iframe;
      await page.evaluate((type) => window.postMessage({ type, id: 'forged', height: 5 }, '*'), RESIZE_MESSAGE);
      await page.waitForTimeout(300);
      expect((await measureFrame(page)).iframe).toBe(settled);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sizes the iframe when the script loads after the chart page has already reported its height', async () => {
    const snippet = readSnippet();
    const [iframe] = snippet.html.split('<script');
    // The script is added a second after load: the iframe's first message has gone unheard, so the script must ask.
    hostPages.set('/late', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Late</title></head><body style="margin:0"><div style="width:420px">${(iframe ?? '').replace(' loading="lazy"', '')}</div><script>setTimeout(function(){var s=document.createElement("script");s.src=${JSON.stringify(`${site.origin}${EMBED_SCRIPT_PATH}`)};document.body.append(s)},1000)</script></body></html>`);
    const { page, context } = await open(`${hostOrigin}/late`);
    try {
      await page.waitForFunction((h) => (document.querySelector('iframe')?.getBoundingClientRect().height ?? h) !== h, snippet.height, { timeout: 10_000 });
      const m = await measureFrame(page);
      expect(Math.abs(m.iframe - m.document)).toBeLessThanOrEqual(2);
    } finally {
      await context.close();
    }
  });

  it('shows every chart whole at desktop width without the script, at the default height, without wasting much of it', async () => {
    const { page, context } = await open(`${site.origin}/`, { width: 760 });
    try {
      const rows: { name: string; height: number; fallback: number; drawn: boolean }[] = [];
      for (const { report, entry } of charts) {
        await page.goto(`${site.origin}${embedPath(report.meta.id, entry.key)}`);
        const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
        const fallback = readOembed(report.meta.id, entry.key).height;
        rows.push({ name: `${report.meta.id} ${entry.key}`, height, fallback, drawn: entry.build !== null });
      }
      console.log(`embed heights at 760 px:\n${rows.map((r) => `${r.name}: page ${r.height.toFixed(1)} px, default ${r.fallback} px`).join('\n')}`);
      for (const r of rows) {
        expect(r.height, r.name).toBeLessThanOrEqual(r.fallback);
        if (r.drawn) expect(r.fallback - r.height, r.name).toBeLessThan(60);
      }
    } finally {
      await context.close();
    }
  });

  it('is light by default whatever the system setting; theme=dark makes it dark and theme=auto follows the system', async () => {
    const path = embedPath(SAMPLE.id, SAMPLE.key);
    for (const [query, scheme, dark] of [['?theme=dark', 'light', true], ['?theme=light', 'dark', false], ['?theme=auto', 'dark', true], ['?theme=auto', 'light', false], ['', 'light', false], ['', 'dark', false]] as const) {
      const { page, context } = await open(`${site.origin}${path}${query}`, { colorScheme: scheme });
      try {
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r = 0, g = 0, b = 0] = (bg.match(/\d+/g) ?? []).map(Number);
        expect((r + g + b) / 3 < 60, `${query} on a ${scheme} system: ${bg}`).toBe(dark);
        if (query === '?theme=dark') await page.screenshot({ path: join(SCREENSHOT_DIR, 'embed-dark.png'), fullPage: true });
      } finally {
        await context.close();
      }
    }
  });

  it('copies the snippet from the report page with the 复制代码 button', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const page = await context.newPage();
      await page.goto(`${site.origin}/reports/${SAMPLE.id}/`);
      const figure = page.locator(`#chart-${SAMPLE.key}`);
      await figure.locator('details.chart-embed summary').click();
      await figure.locator('button[data-copy]').click();
      await expect.poll(() => figure.locator('.chart-embed [role=status]').textContent()).toBe('已复制');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(readOembed(SAMPLE.id, SAMPLE.key).html);
    } finally {
      await context.close();
    }
  });

  // Chromium gives every form control in the page a forced style and layout at DOMContentLoaded, even
  // in a closed details: six snippet textareas were a long task at load (Lighthouse's total blocking
  // time on place-departments). The textarea waits in a template until 嵌入此图 opens.
  it('puts no snippet textarea in the report page at load, shows it where it stood when 嵌入此图 opens, and without scripts from the start', async () => {
    const expected = readOembed(SAMPLE.id, SAMPLE.key).html;
    for (const javaScriptEnabled of [true, false]) {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
      try {
        const page = await context.newPage();
        await page.goto(`${site.origin}/reports/${SAMPLE.id}/`);
        const figure = page.locator(`#chart-${SAMPLE.key}`);
        const charts = await page.locator('details.chart-embed').count();
        expect(charts, 'the page offers embeds').toBeGreaterThan(0);
        expect(await page.locator('textarea').count(), `textareas at load, scripts ${javaScriptEnabled ? 'on' : 'off'}`).toBe(javaScriptEnabled ? 0 : charts);
        await figure.locator('details.chart-embed summary').click();
        const area = figure.locator('details.chart-embed textarea[data-snippet]');
        expect(await area.isVisible()).toBe(true);
        expect(await area.inputValue()).toBe(expected);
        expect(await area.evaluate((el: HTMLTextAreaElement) => [...(el.labels ?? [])].map((l) => l.textContent)), 'labelled as before').toEqual(['把这段代码贴进网页的 HTML：']);
        if (javaScriptEnabled) {
          await area.focus();
          expect(await area.evaluate((el: HTMLTextAreaElement) => el.selectionEnd - el.selectionStart), 'selected on focus').toBe(expected.length);
          expect(await page.locator('textarea').count(), 'only the opened chart has its textarea').toBe(1);
        }
      } finally {
        await context.close();
      }
    }
  });

  it('hides the title and source line with plain, keeping the chart', async () => {
    const path = embedPath(SAMPLE.id, SAMPLE.key);
    const heights: number[] = [];
    for (const query of ['', '?plain']) {
      const { page, context } = await open(`${site.origin}${path}${query}`);
      try {
        const shown = await page.evaluate(() => ['body > header', 'body > footer', 'main .chart-svg:not([hidden])'].map((s) => [...document.querySelectorAll(s)].some((el) => el.getClientRects().length > 0)));
        expect(shown).toEqual(query ? [false, false, true] : [true, true, true]);
        heights.push(await page.evaluate(() => document.body.getBoundingClientRect().height));
      } finally {
        await context.close();
      }
    }
    expect((heights[0] ?? 0) - (heights[1] ?? 0)).toBeGreaterThan(40);
  });
});
