/**
 * 「下载 PNG」 in Chromium: clicking it under a chart of a report page, on a chart's embed page and
 * under a chart of a jurisdiction page downloads a PNG named after the chart, twice the size of the
 * chart's standalone SVG, whose title is drawn (ink where the title is, white above it). The same with
 * a Chromium that has no font at all (FONTCONFIG_FILE pointing at a configuration whose only font
 * folder is empty): the SVG carries its glyphs as outlines, so the reader's fonts do not matter. The
 * test first shows that this browser really cannot draw Chinese (two different characters come out
 * the same), so it cannot pass by accident on a machine whose fonts leak in.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHART_IMAGE_PADDING } from '../../src/embeds/chart-image.ts';
import { measureInk } from '../../src/fixtures/measure-ink.ts';
import { assertChromium } from '../requirements.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openPage, SCREENSHOT_DIR, startSiteServer, type SiteServer } from './browser.ts';
import { chartSvgPath, embedPath, jurisdictionEmbedPath, listEmbedFiles } from '../../src/site/paths.ts';

const dist = inject('distDir');

/** Where each button is, and the chart it saves. */
const SAMPLES = [
  { name: 'report page', path: '/reports/230881-2020/', svg: chartSvgPath('230881-2020', 'flow'), file: '230881-2020-flow.png' },
  { name: 'embed page', path: embedPath('230881-2020', 'appeals'), svg: chartSvgPath('230881-2020', 'appeals'), file: '230881-2020-appeals.png' },
  // The committed content has one year per place, so a jurisdiction page shows what its report says of the year before.
  { name: 'jurisdiction page', path: '/jurisdictions/230881/', svg: listEmbedFiles(jurisdictionEmbedPath('230881', 'prior-year')).svg, file: '230881-prior-year.png' },
] as const;

/** The title's first line in a chart image at zoom 1: left-aligned at the padding. */
const TITLE_BOX = { x: CHART_IMAGE_PADDING, y: CHART_IMAGE_PADDING + 4, width: 160, height: 18 };

/** The width and height a PNG's IHDR chunk declares. */
function readPngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Wraps a PNG in an SVG of its own size, so resvg (measureInk) decodes it. */
function wrapPng(png: Buffer): string {
  const { width, height } = readPngSize(png);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
}

/** The size written on a built SVG's root element. */
function readSvgSize(path: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(readFileSync(join(dist, path), 'utf8'))?.[0] ?? '';
  return { width: Number(/\bwidth="(\d+)"/.exec(root)?.[1]), height: Number(/\bheight="(\d+)"/.exec(root)?.[1]) };
}

/** Whether the page's browser draws 政 and 府 differently on a canvas (false: it has no font for them). */
async function drawsChinese(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const draw = (text: string): string => {
      const canvas = document.createElement('canvas');
      canvas.width = 120;
      canvas.height = 60;
      const context = canvas.getContext('2d')!;
      context.font = '40px sans-serif';
      context.fillText(text, 10, 45);
      return canvas.toDataURL();
    };
    return draw('政') !== draw('府');
  });
}

/**
 * Clicks the 下载 PNG button of `svg` on the open page; returns the saved file's name and bytes. In a
 * browser with no font at all its text has no width, so there it is clicked by an event, once the
 * page's script has shown it.
 */
async function clickPng(page: Page, svg: string, noFonts: boolean): Promise<{ name: string; png: Buffer }> {
  const button = page.locator(`button[data-png-svg="${svg}"]`);
  await expect.poll(() => button.evaluate((b) => !b.closest('[hidden]')), { timeout: 10_000 }).toBe(true);
  if (!noFonts) expect(await button.isVisible()).toBe(true);
  expect((await button.textContent())?.trim()).toBe('下载 PNG');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), noFonts ? button.dispatchEvent('click') : button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), png: readFileSync(path) };
}

/** Checks a downloaded PNG: twice the SVG's size, its title drawn, white above the title. */
function checkPng(png: Buffer, svg: string, what: string): void {
  const size = readSvgSize(svg);
  expect(size.width > 0 && size.height > 0, `${svg} has a size`).toBe(true);
  expect(readPngSize(png), what).toEqual({ width: size.width * 2, height: size.height * 2 });
  const image = wrapPng(png);
  const box = { x: TITLE_BOX.x * 2, y: TITLE_BOX.y * 2, width: TITLE_BOX.width * 2, height: TITLE_BOX.height * 2 };
  expect(measureInk(image, box), `${what}: ink where the title is drawn`).toBeGreaterThan(0.08);
  expect(measureInk(image, { ...box, y: 4, height: 36 }), `${what}: white above the title`).toBe(0);
}

describe.each([
  { fonts: 'the system’s fonts', noFonts: false },
  { fonts: 'no font at all', noFonts: true },
])('「下载 PNG」 in Chromium with $fonts', ({ noFonts }) => {
  let server: SiteServer | undefined;
  let browser: Browser | undefined;
  let scratch = '';

  beforeAll(async () => {
    server = await startSiteServer(dist);
    assertChromium();
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    if (noFonts) {
      scratch = mkdtempSync(join(tmpdir(), 'gongkai-no-fonts-'));
      mkdirSync(join(scratch, 'fonts'));
      writeFileSync(join(scratch, 'fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${join(scratch, 'fonts')}</dir><cachedir>${join(scratch, 'cache')}</cachedir></fontconfig>\n`);
      env.FONTCONFIG_FILE = join(scratch, 'fonts.conf');
      delete env.FONTCONFIG_PATH;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, env });
  });

  afterAll(async () => {
    try {
      await browser?.close();
      await server?.close();
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  });

  it.each(SAMPLES)('on a $name: saves the chart as a PNG twice its size, named after it, its title drawn', async (sample) => {
    const { page, context, watch } = await openPage(browser!, server!.origin, sample.path, { width: 1280 });
    try {
      expect(await drawsChinese(page), noFonts ? 'this browser must have no font for Chinese' : 'this browser draws Chinese').toBe(!noFonts);
      const { name, png } = await clickPng(page, sample.svg, noFonts);
      expect(name).toBe(sample.file);
      checkPng(png, sample.svg, `${sample.name} ${sample.file}`);
      if (noFonts) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        writeFileSync(join(SCREENSHOT_DIR, `download-no-fonts-${sample.file}`), png);
      }
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });
});

describe('「下载 PNG」 without JavaScript', () => {
  let server: SiteServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startSiteServer(dist);
    assertChromium();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is not offered (a button that could do nothing), while the SVG link is', async () => {
    const { page, context } = await openPage(browser!, server!.origin, SAMPLES[0].path, { javaScript: false });
    try {
      expect(await page.locator(`button[data-png-svg="${SAMPLES[0].svg}"]`).isVisible()).toBe(false);
      expect(await page.locator(`a[href="${SAMPLES[0].svg}"]`).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
