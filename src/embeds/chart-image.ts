/**
 * The standalone images of a chart (for places that cannot host an iframe, such as WeChat articles)
 * and of a report (its Open Graph preview): fixed light colours instead of `currentColor`, a white
 * background, the title above and the source line below, laid out here and then outlined by
 * outline-text.ts, so the file needs no font at all. Text is wrapped by measuring it in the font
 * that draws it; Chinese breaks between any two characters, never before closing punctuation.
 */
import { INK } from '../charts/palette.ts';
import { measureTextWidth, outlineSvgText, type OutlineFont, type OutlineFonts } from './outline-text.ts';

/** The light theme's colours (src/styles/global.css :root): images have no dark mode. */
export const IMAGE_COLORS = { background: '#ffffff', ink: '#1a1a1a', muted: '#5c5c5c', accent: '#0b5cad', line: '#d0d0d0', flagBackground: '#fff1d6', flagInk: '#7a4200' } as const;

/** The margin around a chart image, in px. */
export const CHART_IMAGE_PADDING = 24;

/** The size of an Open Graph image, as the big link-preview cards expect. */
export const OG_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/** The words of a chart image. */
export interface ChartImageText {
  readonly title: string;
  /** Lines under the chart: where the numbers come from and who compiled them. */
  readonly source: readonly string[];
  /** Shown instead of a chart when there is nothing to draw (the chart's description). */
  readonly note: string;
  /** What a reader must know to quote the chart (rule failures, values listed apart): drawn under it, flagged. */
  readonly notes: readonly string[];
}

/** The words of a report's preview image. */
export interface OgImageText {
  readonly brand: string;
  readonly title: string;
  readonly subtitle: string;
  readonly footer: string;
}

/** A text style: size in px, weight, colour. */
interface TextStyle {
  readonly size: number;
  readonly bold: boolean;
  readonly color: string;
}

/** Characters that may not start a line. */
const NO_LINE_START = /^[，。、；：？！）》」』”’〕】…,.;:?!)\]%]/;

/** Escapes text for XML content. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Wraps text into lines no wider than `width` px; a word of Latin letters or digits is not split
 * unless it alone is too wide. Greedy: a line takes tokens while it still fits. How many fit is first
 * guessed by adding up the tokens' own widths (each token's layout is the font's kept one: the same
 * characters recur), then settled by laying out the line itself, stepping from the guess by doubling
 * steps and halving back: usually two layouts of the line (the guess fits, one more token does not),
 * where searching from one token took about a dozen per line (3.6 % of Astro's process's samples
 * in a cold build at 1,000 reports, docs/scale.md). Assumes a line's width never shrinks when a
 * token is added (glyph advances are positive, kerning smaller than an advance), so the line where
 * the greedy walk stops is the one found, whatever the guess.
 */
export function wrapText(text: string, width: number, font: OutlineFont, size: number): string[] {
  const tokens = text.match(/[A-Za-z0-9.,:/%+\-_]+|\s+|./gu) ?? [];
  const fits = (line: readonly string[], from: number, count: number): boolean => measureTextWidth([...line, ...tokens.slice(from, from + count)].join('').trimEnd(), font, size) <= width;
  const lines: string[] = [];
  let line: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!line.length) {
      line.push(tokens[i++]!);
      continue;
    }
    // The most tokens from i that still fit on the line: fits(taken) holds, fits(over) does not
    // (over = left + 1: past the last token). First a guess from the tokens' own widths.
    const left = tokens.length - i;
    let guess = 0;
    let guessed = line.reduce((sum, t) => sum + measureTextWidth(t, font, size), 0);
    while (guess < left && (guessed += measureTextWidth(tokens[i + guess]!, font, size)) <= width) guess++;
    let taken = 0;
    let over = guess;
    if (guess > 0 && !fits(line, i, guess)) {
      // Fewer fit than guessed: step down from the guess until a count fits (none: 0, unchecked as before).
      for (let step = 1; over - step > 0; step *= 2) {
        if (fits(line, i, over - step)) {
          taken = over - step;
          break;
        }
        over -= step;
      }
    } else {
      // The guess fits (or is none): step up from it until a count does not.
      taken = guess;
      over = guess + 1;
      for (let step = 1; over <= left && fits(line, i, over); ) {
        taken = over;
        step *= 2;
        over = Math.min(taken + step, left + 1);
      }
    }
    while (over - taken > 1) {
      const mid = (taken + over) >> 1;
      if (fits(line, i, mid)) taken = mid;
      else over = mid;
    }
    line.push(...tokens.slice(i, i + taken));
    i += taken;
    if (i >= tokens.length) break;
    const token = tokens[i++]!;
    // Closing punctuation takes the token before it to the next line rather than start a line alone.
    const carried = NO_LINE_START.test(token) && line.length > 1 ? [line.pop() ?? ''] : [];
    lines.push(line.join('').trimEnd());
    line = [...carried, token].filter((t, k) => k > 0 || t.trim());
  }
  if (line.join('').trim()) lines.push(line.join('').trimEnd());
  return lines;
}

/** Cuts lines to at most `max`, ending the last kept line with “…” when some were cut. */
function limitLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  const kept = lines.slice(0, max);
  const last = [...(kept[max - 1] ?? '')];
  last.splice(-1, 1, '…');
  kept[max - 1] = last.join('');
  return kept;
}

/** Writes one line of text centred vertically on `y` (outlined later). */
function writeLine(text: string, x: number, y: number, style: TextStyle): string {
  return `<text x="${x}" y="${y}" dominant-baseline="central" style="font-size:${style.size}px;font-weight:${style.bold ? 'bold' : 'normal'}" fill="${style.color}" xml:space="preserve">${escapeXml(text)}</text>`;
}

/** Writes lines from `top`, each `lineHeight` high; returns the markup and the bottom. */
function writeLines(lines: readonly string[], x: number, top: number, lineHeight: number, style: TextStyle): { markup: string; bottom: number } {
  const markup = lines.map((l, i) => writeLine(l, x, top + lineHeight * i + lineHeight / 2, style)).join('\n');
  return { markup, bottom: top + lineHeight * lines.length };
}

/** Reads the width and height written on an SVG's root element; throws when they are missing. */
export function readSvgSize(svg: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('readSvgSize: the SVG has no width and height on its root');
  return { width, height };
}

/** The inside of a chart SVG, its ink fixed to the image's colour. */
function readSvgBody(svg: string): string {
  return svg
    .replace(/^<svg\b[^>]*>\n?/, '')
    .replace(/<\/svg>\s*$/, '')
    .replaceAll(INK, IMAGE_COLORS.ink);
}

/** Opens an image SVG document with its white background; a title and description name it for assistive technology (its text is outlines). */
function openImage(width: number, height: number, label?: { title: string; desc: string }): string {
  const named = label ? `<title>${escapeXml(label.title)}</title>\n${label.desc ? `<desc>${escapeXml(label.desc)}</desc>\n` : ''}` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="12">\n${named}<rect width="${width}" height="${height}" fill="${IMAGE_COLORS.background}"/>\n`;
}

/** Writes the notes as a flagged block (pale background, a bar on the left, dark ink) from `top`; returns the markup and the bottom. */
function writeNotes(notes: readonly string[], x: number, top: number, width: number, fonts: OutlineFonts): { markup: string; bottom: number } {
  if (!notes.length) return { markup: '', bottom: top };
  const style: TextStyle = { size: 13, bold: false, color: IMAGE_COLORS.flagInk };
  const lines = notes.flatMap((n) => wrapText(n, width - 20, fonts.regular, style.size));
  const text = writeLines(lines, x + 12, top + 6, 20, style);
  const bottom = text.bottom + 6;
  const box = `<rect x="${x}" y="${top}" width="${width}" height="${bottom - top}" fill="${IMAGE_COLORS.flagBackground}"/>\n<rect x="${x}" y="${top}" width="4" height="${bottom - top}" fill="${IMAGE_COLORS.flagInk}"/>`;
  return { markup: `${box}\n${text.markup}`, bottom };
}

/**
 * Lays out a chart image: title, the chart (or, with none, its description), the source lines, on
 * white. `chartSvg` is a chart as render-svg.ts writes it, or null. The result still has `<text>`.
 */
export function composeChartImage(chartSvg: string | null, text: ChartImageText, fonts: OutlineFonts, chartWidth: number): string {
  const pad = CHART_IMAGE_PADDING;
  const size = chartSvg ? readSvgSize(chartSvg) : { width: chartWidth, height: 0 };
  const width = size.width + pad * 2;
  const inner = width - pad * 2;
  const titleStyle: TextStyle = { size: 18, bold: true, color: IMAGE_COLORS.ink };
  const noteStyle: TextStyle = { size: 14, bold: false, color: IMAGE_COLORS.ink };
  const sourceStyle: TextStyle = { size: 12, bold: false, color: IMAGE_COLORS.muted };
  const title = writeLines(wrapText(text.title, inner, fonts.bold, titleStyle.size), pad, pad, 26, titleStyle);
  const chartTop = title.bottom + 12;
  let body: string;
  let bodyBottom: number;
  if (chartSvg) {
    body = `<g transform="translate(${pad} ${chartTop})">\n${readSvgBody(chartSvg)}</g>`;
    bodyBottom = chartTop + size.height;
  } else {
    const note = writeLines(wrapText(text.note, inner, fonts.regular, noteStyle.size), pad, chartTop, 22, noteStyle);
    body = note.markup;
    bodyBottom = note.bottom;
  }
  const notes = writeNotes(text.notes, pad, bodyBottom + 12, inner, fonts);
  const ruleY = (text.notes.length ? notes.bottom : bodyBottom) + 12;
  const source = writeLines(
    text.source.flatMap((l) => wrapText(l, inner, fonts.regular, sourceStyle.size)),
    pad,
    ruleY + 8,
    18,
    sourceStyle,
  );
  const height = Math.ceil(source.bottom + pad - 6);
  const label = { title: text.title, desc: text.notes.join('') };
  return `${openImage(width, height, label)}${title.markup}\n${body}\n${notes.markup ? `${notes.markup}\n` : ''}<path d="M${pad} ${ruleY}H${width - pad}" stroke="${IMAGE_COLORS.line}"/>\n${source.markup}\n</svg>\n`;
}

/**
 * Lays out a report's Open Graph image (1200×630): on the left the site's name, the report's title
 * and publisher and a footer line; on the right its key chart, scaled to fit. Still has `<text>`.
 */
export function composeOgImage(chartSvg: string | null, text: OgImageText, fonts: OutlineFonts): string {
  const { width, height } = OG_IMAGE_SIZE;
  const pad = 56;
  const chartBox = { x: 540, y: pad, width: width - 540 - pad / 2, height: height - pad * 2 };
  const column = (chartSvg ? chartBox.x - 40 : width - pad) - pad;
  const brand = writeLine(text.brand, pad, pad + 12, { size: 24, bold: true, color: IMAGE_COLORS.accent });
  const titleStyle: TextStyle = { size: 44, bold: true, color: IMAGE_COLORS.ink };
  const title = writeLines(limitLines(wrapText(text.title, column, fonts.bold, titleStyle.size), 4), pad, pad + 48, 60, titleStyle);
  const subtitleStyle: TextStyle = { size: 24, bold: false, color: IMAGE_COLORS.muted };
  const subtitle = writeLines(limitLines(wrapText(text.subtitle, column, fonts.regular, subtitleStyle.size), 2), pad, title.bottom + 12, 36, subtitleStyle);
  const footerStyle: TextStyle = { size: 20, bold: false, color: IMAGE_COLORS.muted };
  const footerLines = limitLines(wrapText(text.footer, column, fonts.regular, footerStyle.size), 2);
  const footer = writeLines(footerLines, pad, height - pad - footerLines.length * 30, 30, footerStyle);
  let chart = '';
  if (chartSvg) {
    const size = readSvgSize(chartSvg);
    const scale = Math.min(chartBox.width / size.width, chartBox.height / size.height, 1.5);
    const x = chartBox.x + (chartBox.width - size.width * scale) / 2;
    const y = chartBox.y + (chartBox.height - size.height * scale) / 2;
    const round = (n: number): number => Math.round(n * 1000) / 1000;
    chart = `<g transform="translate(${round(x)} ${round(y)}) scale(${round(scale)})">\n${readSvgBody(chartSvg)}</g>\n`;
  }
  const accentBar = `<rect width="${width}" height="8" fill="${IMAGE_COLORS.accent}"/>`;
  return `${openImage(width, height)}${accentBar}\n${brand}\n${title.markup}\n${subtitle.markup}\n${chart}${footer.markup}\n</svg>\n`;
}

/** A chart image with every text outlined: the standalone `chart.svg`. */
export function renderChartImageSvg(chartSvg: string | null, text: ChartImageText, fonts: OutlineFonts, chartWidth: number): string {
  return outlineSvgText(composeChartImage(chartSvg, text, fonts, chartWidth), fonts);
}

/** A report's preview image with every text outlined, ready to rasterise. */
export function renderOgImageSvg(chartSvg: string | null, text: OgImageText, fonts: OutlineFonts): string {
  return outlineSvgText(composeOgImage(chartSvg, text, fonts), fonts);
}
