/**
 * The build's image files: a chart's standalone SVG and PNG and a report's preview PNG, each made
 * once per content through the image cache on disk (`.cache/images`, or GONGKAI_IMAGE_CACHE) and
 * kept across builds. The fonts (Noto Sans SC, from the @expo-google-fonts/noto-sans-sc package) are
 * read only when something has to be outlined, so a build with nothing new never opens them. When
 * GONGKAI_IMAGE_STATS names a file, the build writes its hit/miss counts there on exit.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import type { OgImageText, ChartImageText } from './chart-image.ts';
import { renderChartImageSvg, renderOgImageSvg } from './chart-image.ts';
import { openOutlineFont } from './fontkit-font.ts';
import { createImageCache, type ImageCache, type ImageCacheFs } from './image-cache.ts';
import { IMAGE_POOL_KEY, type ImageJob, type ImagePool } from './image-pool-key.ts';
import type { OutlineFonts } from './outline-text.ts';
import { PNG_ENCODER_ID } from './png-encode.ts';
import { rasterisePng } from './rasterise-png.ts';

/** The zoom of chart PNGs: twice the SVG's size, sharp on high-density screens and in WeChat articles. */
export const CHART_PNG_ZOOM = 2;

/** The width (SVG units) of the chart layout the images show: the desktop one. */
export const IMAGE_CHART_WIDTH = 720;

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FONT_FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' } as const;

/** The ImageCacheFs over the real file system; writes go to a temporary file and are renamed into place. */
export const nodeImageCacheFs: ImageCacheFs = {
  readBytes(path) {
    try {
      return new Uint8Array(readFileSync(path));
    } catch {
      return undefined;
    }
  },
  writeBytes(path, bytes) {
    mkdirSync(dirname(path), { recursive: true });
    // Process and thread in the name: workers of one build may write the same image.
    const tmp = `${path}.${process.pid}-${threadId}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  },
};

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

/** Reads an installed package's version, for cache keys. */
function readPackageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(findPackageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** What decides the bytes besides the content: the font and rasteriser versions. */
const versions = {
  fonts: `${FONT_PACKAGE}@${readPackageVersion(FONT_PACKAGE)}:${FONT_FILES.regular},${FONT_FILES.bold}`,
  fontkit: readPackageVersion('fontkit'),
  resvg: readPackageVersion('@resvg/resvg-js'),
};

let fonts: OutlineFonts | undefined;
let cache: ImageCache | undefined;

/** Opens the two weights of Noto Sans SC, once per build process. */
export function loadImageFonts(): OutlineFonts {
  if (fonts) return fonts;
  const dir = findPackageDir(FONT_PACKAGE);
  const open = (file: string): ReturnType<typeof openOutlineFont> => openOutlineFont(readFileSync(join(dir, file)), `${versions.fonts}#${file}`);
  fonts = { regular: open(FONT_FILES.regular), bold: open(FONT_FILES.bold) };
  return fonts;
}

/** Returns the build's image cache, created on first use. */
export function getImageCache(): ImageCache {
  if (cache) return cache;
  cache = createImageCache(nodeImageCacheFs, resolve(process.env.GONGKAI_IMAGE_CACHE ?? '.cache/images'));
  return cache;
}

// Image workers keep their own caches; the main thread counts what the build asked for, from when
// this module loads, so a build that asks for no image (all pages unchanged) writes its zeros too.
const imageStatsFile = process.env.GONGKAI_IMAGE_STATS;
if (imageStatsFile && isMainThread) {
  process.on('exit', () => {
    const { hits, misses } = cache?.stats() ?? { hits: 0, misses: 0 };
    writeFileSync(imageStatsFile, `${JSON.stringify({ images_made: misses, images_reused: hits })}\n`);
  });
}

/**
 * The image-cache inputs of each kind of image: everything that decides its bytes. PNGs name their
 * encoder (png-encode.ts and the zlib it uses); chart SVGs do not depend on it, so they keep their keys.
 */
const inputs = {
  chartSvg: (chartSvg: string | null, text: ChartImageText): string => JSON.stringify({ kind: 'chart', versions, width: IMAGE_CHART_WIDTH, text, chartSvg }),
  chartPng: (svgText: string): string => JSON.stringify({ kind: 'chart', resvg: versions.resvg, png: PNG_ENCODER_ID, zoom: CHART_PNG_ZOOM, svg: svgText }),
  og: (chartSvg: string | null, text: OgImageText): string => JSON.stringify({ kind: 'og', versions, png: PNG_ENCODER_ID, text, chartSvg }),
};

/** A chart's standalone SVG (title, chart, source, every text outlined), as bytes. */
export function makeChartSvg(chartSvg: string | null, text: ChartImageText): Uint8Array<ArrayBuffer> {
  return getImageCache().get('svg', inputs.chartSvg(chartSvg, text), () => new TextEncoder().encode(renderChartImageSvg(chartSvg, text, loadImageFonts(), IMAGE_CHART_WIDTH)));
}

/** A chart's PNG: its standalone SVG rasterised at CHART_PNG_ZOOM. */
export function makeChartPng(chartSvg: string | null, text: ChartImageText): Uint8Array<ArrayBuffer> {
  const svg = makeChartSvg(chartSvg, text);
  const svgText = new TextDecoder().decode(svg);
  return getImageCache().get('png', inputs.chartPng(svgText), () => rasterisePng(svgText, CHART_PNG_ZOOM));
}

/** A report's 1200×630 preview PNG. */
export function makeOgPng(chartSvg: string | null, text: OgImageText): Uint8Array<ArrayBuffer> {
  return getImageCache().get('png', inputs.og(chartSvg, text), () => rasterisePng(renderOgImageSvg(chartSvg, text, loadImageFonts()), 1));
}

/** Images being made on a worker, by extension and input, so concurrent requests for one image wait for one making. */
const pending = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/**
 * Returns a file from the image cache, or has it made: on an image worker when the build offers a
 * pool (src/integrations/image-workers.ts), else here with `make`.
 */
function makeOnPool(ext: 'svg' | 'png', input: string, job: ImageJob, make: () => Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const cache = getImageCache();
  const found = cache.find(ext, input);
  if (found) return Promise.resolve(found);
  const pool = (globalThis as Record<symbol, ImagePool | undefined>)[Symbol.for(IMAGE_POOL_KEY)];
  if (!pool) return Promise.resolve(cache.get(ext, input, make));
  const id = `${ext}\u0000${input}`;
  let running = pending.get(id);
  if (!running) {
    cache.recordMiss();
    running = pool.run(job).finally(() => pending.delete(id));
    pending.set(id, running);
  }
  return running;
}

/** `makeChartSvg`, made on an image worker when the build has them. */
export function makeChartSvgAsync(chartSvg: string | null, text: ChartImageText): Promise<Uint8Array<ArrayBuffer>> {
  return makeOnPool('svg', inputs.chartSvg(chartSvg, text), { kind: 'chart-svg', chartSvg, text }, () => makeChartSvg(chartSvg, text));
}

/** `makeChartPng`, made on an image worker when the build has them. */
export async function makeChartPngAsync(chartSvg: string | null, text: ChartImageText): Promise<Uint8Array<ArrayBuffer>> {
  const svgText = new TextDecoder().decode(await makeChartSvgAsync(chartSvg, text));
  return makeOnPool('png', inputs.chartPng(svgText), { kind: 'chart-png', chartSvg, text }, () => makeChartPng(chartSvg, text));
}

/** `makeOgPng`, made on an image worker when the build has them. */
export function makeOgPngAsync(chartSvg: string | null, text: OgImageText): Promise<Uint8Array<ArrayBuffer>> {
  return makeOnPool('png', inputs.og(chartSvg, text), { kind: 'og-png', chartSvg, text }, () => makeOgPng(chartSvg, text));
}
