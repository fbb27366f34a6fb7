/**
 * The colours of every chart, declared once. Series colours are the Okabe–Ito palette, which stays
 * distinguishable under the common colour-vision deficiencies; text and axes use `currentColor`, so
 * a chart inlined in a page follows the page's text colour in light and dark mode alike.
 */
import type { OutcomeGroupCode } from '../form/types.ts';

/** The Okabe–Ito colours by name (Okabe & Ito 2008), black left out because it vanishes in dark mode. */
export const OKABE_ITO = {
  blue: '#0072B2',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  orange: '#E69F00',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  yellow: '#F0E442',
} as const;

/** The colour for ink (text, axis lines): the surrounding text colour, so dark mode needs no second render. */
export const INK = 'currentColor';

/** A neutral grey for totals and flows that are neither good nor bad; readable on white and on near-black. */
export const NEUTRAL = '#8C8C8C';

/** Opacity of faint ink (grid lines, axis lines) relative to the text colour. */
export const FAINT_INK_OPACITY = 0.25;

/** Colours for series in order, for charts whose series have no fixed meaning. */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.yellow,
];

/** The outcome groups of table 三 (src/form's OutcomeGroupCode) plus 结转, each with a fixed colour on every chart. */
export const OUTCOME_COLORS: Readonly<Record<OutcomeGroupCode | 'carried_forward', string>> = {
  granted: OKABE_ITO.blue,
  partially_granted: OKABE_ITO.skyBlue,
  denied: OKABE_ITO.vermillion,
  unavailable: OKABE_ITO.orange,
  not_processed: OKABE_ITO.reddishPurple,
  other: OKABE_ITO.yellow,
  carried_forward: OKABE_ITO.bluishGreen,
};

/** The results of table 四 by column code: 维持, 纠正, 其他, 尚未审结. */
export const APPEAL_RESULT_COLORS: Readonly<Record<string, string>> = {
  upheld: OKABE_ITO.blue,
  corrected: OKABE_ITO.vermillion,
  other: OKABE_ITO.yellow,
  pending: NEUTRAL,
};

/**
 * A #RRGGBB colour at an alpha, for the pale fill of a mark on a small base. The mark keeps a solid
 * outline in the full colour: a pale fill alone all but vanishes on a dark page.
 */
export function fadeColor(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

/** The alpha of a small-base mark's fill (see `fadeColor`). */
export const CAUTION_FILL_ALPHA = 0.2;

/** Relative luminance of a #RRGGBB colour (WCAG 2). */
function measureLuminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The text colour (black or white) with the better contrast on a #RRGGBB fill. */
export function pickTextColor(fill: string): '#000' | '#fff' {
  const l = measureLuminance(fill);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}
