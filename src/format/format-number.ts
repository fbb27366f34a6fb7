/**
 * zh-CN number formatting for people: full digits with grouping in tables, 万 / 亿 in prose and on
 * chart axes, percentages with one decimal. Assumes the figures are the report's own numbers: a
 * rounded figure is always marked (约), and a rate on a small base is never shown as a bare percentage.
 */

const FULL = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6, useGrouping: true });
const COMPACT = new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const DECIMAL_1 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: true });

/** A figure with its caution, ready for markup: `caution` is a sentence, or null when none is due. */
export interface FormattedFigure {
  readonly text: string;
  readonly caution: string | null;
}

/** Formats a number in full with grouping, for tables: 2180117 → “2,180,117”; null → “—”. */
export function formatFull(n: number | null): string {
  return n === null ? '—' : FULL.format(n);
}

/** Formats a signed integer (本年增/减) with an explicit sign: 600 → “+600”, −31 → “−31”, 0 → “0”. */
export function formatSigned(n: number | null): string {
  if (n === null) return '—';
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '−'}${FULL.format(Math.abs(n))}`;
}

/** Whether the compact (万 / 亿, two decimals) form of a number equals it exactly. */
function isCompactExact(n: number): boolean {
  const a = Math.abs(n);
  const scaled = a < 1e4 ? a * 100 : a < 1e8 ? a / 1e2 : a / 1e6;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

/**
 * Formats a number for prose with 万 / 亿 (up to two decimals), marking a rounded figure with 约:
 * 5672 → “5672”, 20000 → “2万”, 2180117 → “约218.01万”, 123456789 → “约1.23亿”; null → “—”.
 */
export function formatProse(n: number | null): string {
  if (n === null) return '—';
  const text = COMPACT.format(n);
  return isCompactExact(n) ? text : `约${text}`;
}

/** Formats an axis tick with 万 / 亿 and no 约 (ticks are round by construction): 2000000 → “200万”. */
export function formatAxisTick(n: number): string {
  return COMPACT.format(n);
}

/** Formats a share (0–1) as a percentage with one decimal: 0.548 → “54.8%”. */
export function formatPercent(share: number): string {
  return PERCENT.format(share);
}

/** Formats a rate per hundred with one decimal: 3.6361 → “3.6”. */
export function formatPer100(value: number): string {
  return DECIMAL_1.format(value);
}

/**
 * Formats a share of a small base as a count instead of a bare percentage: 3 of 5 → “5件中3件”,
 * with a caution naming the base; a share of a large enough base → “54.8%” with no caution.
 */
export function formatShare(numerator: number, denominator: number, caution: boolean): FormattedFigure {
  if (!caution) return { text: formatPercent(numerator / denominator), caution: null };
  return {
    text: `${formatFull(denominator)}件中${formatFull(numerator)}件`,
    caution: `基数仅${formatFull(denominator)}件，比例仅供参考`,
  };
}
