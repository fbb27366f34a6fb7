import { describe, expect, it } from 'vitest';
import { estimateTextWidth, fitLabel, isNarrow, measureLabelRoom } from './chart-theme.ts';

describe('label measuring', () => {
  it('counts CJK characters as one em and others as 0.6 em', () => {
    expect(estimateTextWidth('不予公开')).toBe(48);
    expect(estimateTextWidth('1,655')).toBe(Math.ceil(5 * 7.2));
    expect(measureLabelRoom(['规章', '规范性文件'])).toBe(68);
  });

  it('shortens the name, never the value', () => {
    expect(fitLabel('重复申请', '161', 138)).toBe('重复申请 161');
    const fitted = fitLabel('本机关不掌握相关政府信息', '1,655', 138);
    expect(fitted).toBe('本机关不掌握… 1,655');
    expect(estimateTextWidth(fitted)).toBeLessThanOrEqual(138);
  });

  it('calls widths under 560 narrow', () => {
    expect([isNarrow(360), isNarrow(559), isNarrow(560), isNarrow(720)]).toEqual([true, true, false, false]);
  });
});
