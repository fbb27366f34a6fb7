/**
 * What every chart shares: fonts, sizes, ink, and the options that keep server-rendered SVG lean and
 * static (no animation, no hover styles baked in, no text outlines that would glare in dark mode).
 */
import type { EChartsOption } from 'echarts';
import { FAINT_INK_OPACITY, INK, SERIES_COLORS } from './palette.ts';

/** The CJK-first font stack written on every chart's root; a page's own CSS may override it. */
export const FONT_STACK =
  "system-ui,-apple-system,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif";

/** The font size of chart text in SVG units (px at natural size). */
export const FONT_SIZE = 12;

/** Charts narrower than this get the compact layout (labels above bars, fewer levels). */
export const NARROW_WIDTH = 560;

/** The width and height of a chart in SVG units; the SVG scales with its viewBox. */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** An option ready to render, with the size it was laid out for and its hover texts. */
export interface BuiltChart {
  readonly option: EChartsOption;
  readonly size: ChartSize;
  /**
   * Tooltip texts by series index then data index, matching the `ecmeta_series_index` and
   * `ecmeta_data_index` attributes the SVG carries (ECharts' SSR client reports those on hover).
   */
  readonly tips: readonly (readonly string[])[];
}

/** Whether a width calls for the compact layout. */
export function isNarrow(width: number): boolean {
  return width < NARROW_WIDTH;
}

/** The options every chart starts from: static, ink in currentColor, Okabe–Ito series colours. */
export function buildBaseOption(): EChartsOption {
  return {
    animation: false,
    color: [...SERIES_COLORS],
    textStyle: { color: INK, fontSize: FONT_SIZE, fontFamily: FONT_STACK },
    aria: { enabled: false },
  };
}

/** The style of a category or value axis: currentColor ink, faint split lines, no ticks. */
export function buildAxisStyle(): Record<string, unknown> {
  return {
    axisLine: { lineStyle: { color: INK, opacity: FAINT_INK_OPACITY } },
    axisTick: { show: false },
    axisLabel: { color: INK, fontSize: FONT_SIZE },
    splitLine: { lineStyle: { color: INK, opacity: FAINT_INK_OPACITY / 2 } },
    nameTextStyle: { color: INK, fontSize: FONT_SIZE },
    silent: true,
  };
}

/** The style of a data label: currentColor, no outline. */
export function buildLabelStyle(): { color: string; fontSize: number; textBorderWidth: number } {
  return { color: INK, fontSize: FONT_SIZE, textBorderWidth: 0 };
}

/** The legend every chart uses: top left, square icons, not clickable (a static chart cannot toggle series). */
export function buildLegendStyle(): Record<string, unknown> {
  return { top: 0, left: 0, icon: 'rect', itemWidth: 12, itemHeight: 12, itemGap: 10, selectedMode: false, textStyle: buildLabelStyle() };
}

/** The width of a character in em, an upper bound over the usual system fonts (DejaVu Sans, SF, Segoe UI). */
function estimateCharEm(ch: string): number {
  if (/[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F“”…%]/.test(ch)) return 1;
  if (/[ .,:;'!|/()[\]-]/.test(ch)) return 0.4;
  if (/[0-9a-z]/.test(ch)) return 0.65;
  return 0.85;
}

/**
 * Estimates the width of a label at FONT_SIZE, erring wide: CJK, full-width characters and “%” one
 * em, digits and lower case 0.65 em, narrow punctuation 0.4 em, anything else 0.85 em. (Measured in
 * Chromium with DejaVu Sans: digits 0.64 em, “%” 0.95 em, “.” 0.32 em.)
 */
export function estimateTextWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += estimateCharEm(ch) * FONT_SIZE;
  return Math.ceil(width);
}

/** The room the widest of some labels needs, plus a gap. */
export function measureLabelRoom(labels: readonly string[], gap = 8): number {
  return Math.max(0, ...labels.map(estimateTextWidth)) + gap;
}

/** How far ECharts puts a bar's value label past the bar's end (its default `label.distance`). */
export const BAR_LABEL_DISTANCE = 5;

/** The room right of the longest bar for the widest value label: its distance, its width and a small margin. */
export function measureValueRoom(values: readonly string[]): number {
  return measureLabelRoom(values, BAR_LABEL_DISTANCE + 4);
}

/** Fits “name value” into a width by shortening the name with “…”, never the value: 本机关不掌握相关… 1,655. */
export function fitLabel(name: string, value: string, maxWidth: number): string {
  const whole = `${name} ${value}`;
  if (estimateTextWidth(whole) <= maxWidth) return whole;
  const chars = [...name];
  while (chars.length > 1 && estimateTextWidth(`${chars.join('')}… ${value}`) > maxWidth) chars.pop();
  return `${chars.join('')}… ${value}`;
}
