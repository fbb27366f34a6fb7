/**
 * How the series of a chart are told apart without colour, declared once, so that every chart reads
 * in black and white (on paper, in greyscale) from the one SVG the site renders: lines by their dash
 * and point symbol, bars by a fill pattern (an ECharts decal, drawn in SVG as one small <pattern> per
 * chart and one extra path per bar). The first series of a chart stays plain (solid line, solid bar).
 * Patterns are drawn in black or white, whichever contrasts with the bar, so they show on every fill
 * and do not depend on the page's theme.
 */
import type { LineSeriesOption } from 'echarts';
import { pickTextColor } from './palette.ts';

/** The non-colour marks of a line series: its dash and the shape of its points. */
export interface LineMark {
  /** An ECharts line type: 'solid' or a dash array in SVG units. */
  readonly dash: 'solid' | readonly number[];
  /** An ECharts symbol name. */
  readonly symbol: 'circle' | 'rect' | 'triangle' | 'diamond';
}

/** Line marks for series in order: solid with circles, then dashed with squares, dotted with triangles, dash-dot with diamonds. */
export const LINE_MARKS: readonly LineMark[] = [
  { dash: 'solid', symbol: 'circle' },
  { dash: [7, 3], symbol: 'rect' },
  { dash: [2, 2], symbol: 'triangle' },
  { dash: [7, 2, 2, 2], symbol: 'diamond' },
];

/** The line mark of the series at an index (cycling past the last). */
export function pickLineMark(index: number): LineMark {
  return LINE_MARKS[index % LINE_MARKS.length] ?? { dash: 'solid', symbol: 'circle' };
}

/** An ECharts `lineStyle.type` for a line mark. */
export function buildLineType(mark: LineMark): NonNullable<LineSeriesOption['lineStyle']>['type'] {
  return mark.dash === 'solid' ? 'solid' : [...mark.dash];
}

/** The fill patterns of bars by name, as ECharts decal options without a colour. */
const PATTERNS = {
  /** Diagonal stripes rising to the right, 2 units thick every 5. */
  stripes: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4 },
  /**
   * A grid of square dots, 2 units across every 4 (squares: the SVG of a circle is an arc whose end
   * point the renderer's one-decimal rounding would move onto its start, which draws nothing).
   */
  dots: { symbol: 'rect', symbolSize: 1, dashArrayX: [2, 2], dashArrayY: [2, 2], rotation: 0 },
  /** Horizontal lines, 1 unit thick every 3. */
  lines: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [1, 2], rotation: 0 },
  /** Diagonal stripes falling to the right. */
  backStripes: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: Math.PI / 4 },
} as const;

/** The name of a fill pattern: none for a solid bar. */
export type PatternName = keyof typeof PATTERNS | 'none';

/** Fill patterns for bar series in order: the first solid, then stripes, dots, lines, back stripes. */
export const BAR_PATTERNS: readonly PatternName[] = ['none', 'stripes', 'dots', 'lines', 'backStripes'];

/** The opacity of a pattern's black or white over the bar's colour. */
const PATTERN_ALPHA = 0.55;

/** An ECharts decal option: a pattern in a colour. */
export interface DecalOption {
  readonly symbol: string;
  readonly symbolSize: number;
  readonly dashArrayX: number[];
  readonly dashArrayY: number[];
  readonly rotation: number;
  readonly color: string;
}

/**
 * The item style of a bar in a #RRGGBB colour with a pattern over it, drawn in black or white
 * (whichever contrasts with the colour) at PATTERN_ALPHA; a plain bar has no decal at all.
 */
export function buildBarStyle(fill: string, pattern: PatternName): { color: string; decal?: DecalOption } {
  if (pattern === 'none') return { color: fill };
  const ink = pickTextColor(fill) === '#000' ? '0,0,0' : '255,255,255';
  const p = PATTERNS[pattern];
  return { color: fill, decal: { ...p, dashArrayX: [...p.dashArrayX], dashArrayY: [...p.dashArrayY], color: `rgba(${ink},${PATTERN_ALPHA})` } };
}

/** The pattern of the bar series at an index (cycling past the last). */
export function pickBarPattern(index: number): PatternName {
  return BAR_PATTERNS[index % BAR_PATTERNS.length] ?? 'none';
}
