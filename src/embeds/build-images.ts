/**
 * The build's image files: a chart's standalone SVG (every text outlined, so it draws the same on
 * any machine; the reader's browser turns it into a PNG, src/client/chart-png.ts), and the
 * link-preview PNG of a place or a year (a handful per site, rasterised here by resvg with system
 * fonts switched off). Neither is cached: a build makes a file again only when its path's cache key
 * changes (Astro's incremental build for the cards, src/integrations/endpoint-files.ts for the SVGs;
 * a same-run A/B showed no gain from a cache of the SVGs, docs/scale.md).
 * The fonts (Noto Sans SC, from the @expo-google-fonts/noto-sans-sc package) are read only when
 * something has to be outlined, so a build with nothing new never opens them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { OgImageText, ChartImageText } from './chart-image.ts';
import { renderChartImageSvg, renderOgImageSvg } from './chart-image.ts';
import { openOutlineFont } from './fontkit-font.ts';
import type { OutlineFonts } from './outline-text.ts';

/** The width (SVG units) of the chart layout the images show: the desktop one. */
export const IMAGE_CHART_WIDTH = 720;

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FONT_FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' } as const;

const projectRequire = createRequire(join(process.cwd(), 'package.json'));

/** Finds an installed package's folder from its entry point (some packages do not export their package.json). */
function findPackageDir(name: string): string {
  let dir = dirname(projectRequire.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`build-images: cannot find the folder of the package ${name}`);
    dir = up;
  }
  return dir;
}

let fonts: OutlineFonts | undefined;

/** Opens the two weights of Noto Sans SC, once per build process. */
export function loadImageFonts(): OutlineFonts {
  if (fonts) return fonts;
  const dir = findPackageDir(FONT_PACKAGE);
  const open = (file: string): ReturnType<typeof openOutlineFont> => openOutlineFont(readFileSync(join(dir, file)), `${FONT_PACKAGE}#${file}`);
  fonts = { regular: open(FONT_FILES.regular), bold: open(FONT_FILES.bold) };
  return fonts;
}

/**
 * A chart's standalone SVG (title, chart, notes, source, every text outlined) as bytes. Made by
 * Astro's thread with the files beside the pages (src/integrations/endpoint-files.ts), mostly while
 * its pages wait for the chart workers, which render only the charts.
 */
export function makeChartSvg(chartSvg: string | null, text: ChartImageText): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(renderChartImageSvg(chartSvg, text, loadImageFonts(), IMAGE_CHART_WIDTH));
}

/**
 * A place's or a year's 1200×630 link-preview PNG: its words laid out and outlined, rasterised by
 * resvg with no system fonts (a text left unoutlined would be missing, not drawn in some font).
 * Not cached: its path's cache key is a hash of its words, so the incremental build makes it again
 * only when they change.
 */
export function makeOgPng(text: OgImageText): Uint8Array<ArrayBuffer> {
  const svg = renderOgImageSvg(null, text, loadImageFonts());
  return new Uint8Array(new Resvg(svg, { font: { loadSystemFonts: false }, logLevel: 'off' }).render().asPng());
}
