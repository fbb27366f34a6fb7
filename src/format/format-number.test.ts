import { describe, expect, it } from 'vitest';
import { formatAxisTick, formatFull, formatPer100, formatPercent, formatProse, formatShare, formatSigned } from './format-number.ts';

describe('formatFull (tables)', () => {
  it('keeps every digit, grouped by three', () => {
    expect(formatFull(2180117)).toBe('2,180,117');
    expect(formatFull(5672)).toBe('5,672');
    expect(formatFull(3618261.46)).toBe('3,618,261.46');
    expect(formatFull(0)).toBe('0');
    expect(formatFull(null)).toBe('—');
  });
});

describe('formatProse (万 / 亿)', () => {
  it('writes small numbers in full and large ones with 万 or 亿', () => {
    expect(formatProse(5672)).toBe('5672');
    expect(formatProse(20000)).toBe('2万');
    expect(formatProse(25900)).toBe('2.59万');
    expect(formatProse(300000000)).toBe('3亿');
  });

  it('marks a rounded figure with 约, so no printed number is silently changed', () => {
    expect(formatProse(2180117)).toBe('约218.01万');
    expect(formatProse(8835832)).toBe('约883.58万');
    expect(formatProse(387298219.3)).toBe('约3.87亿');
    expect(formatProse(99995)).toBe('约10万');
    expect(formatProse(null)).toBe('—');
  });
});

describe('axis ticks, signs, percentages', () => {
  it('formats ticks compactly', () => {
    expect(formatAxisTick(2000000)).toBe('200万');
    expect(formatAxisTick(500)).toBe('500');
  });

  it('signs 本年增/减 explicitly', () => {
    expect(formatSigned(600)).toBe('+600');
    expect(formatSigned(-2147)).toBe('−2,147');
    expect(formatSigned(0)).toBe('0');
  });

  it('formats shares with one decimal', () => {
    expect(formatPercent(3316 / 6051)).toBe('54.8%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPer100((424 / 6117) * 100)).toBe('6.9');
  });

  it('shows a share of a small base as a count with a caution, never a bare percentage', () => {
    expect(formatShare(3316, 6051, false)).toEqual({ text: '54.8%', caution: null });
    expect(formatShare(1, 1, true)).toEqual({ text: '1件中1件', caution: '基数仅1件，比例仅供参考' });
  });
});
