import { describe, expect, it } from 'vitest';
import { BAR_LABEL_DISTANCE, estimateTextWidth, fitLabel, isNarrow, measureLabelRoom, measureValueRoom } from './chart-theme.ts';

describe('label measuring', () => {
  it('counts CJK characters and “%” as one em, digits 0.65 em, narrow punctuation 0.4 em', () => {
    expect(estimateTextWidth('不予公开')).toBe(48);
    expect(estimateTextWidth('1,655')).toBe(Math.ceil(4 * 7.8 + 4.8));
    expect(estimateTextWidth('54.8%')).toBe(Math.ceil(3 * 7.8 + 4.8 + 12));
    expect(measureLabelRoom(['规章', '规范性文件'])).toBe(68);
  });

  it('errs wide of the widths Chromium draws (DejaVu Sans and Noto Sans CJK SC at 12 px)', () => {
    // Measured with canvas measureText in the test browser, font FONT_STACK.
    const measured: [string, number][] = [['21（84.0%）', 77.39], ['5,672（92.7%）', 96.47], ['54.8%', 38.12], ['1234567890', 76.35], ['本机关不掌握相关政府信息 2', 155.45], ['T3-A', 27.24]];
    for (const [text, width] of measured) expect(estimateTextWidth(text), text).toBeGreaterThanOrEqual(width);
  });

  it('leaves room for a value label past the bar end', () => {
    expect(measureValueRoom(['21（84.0%）', '4（16.0%）'])).toBe(estimateTextWidth('21（84.0%）') + BAR_LABEL_DISTANCE + 4);
  });

  it('shortens the name, never the value', () => {
    expect(fitLabel('重复申请', '161', 138)).toBe('重复申请 161');
    const fitted = fitLabel('本机关不掌握相关政府信息', '1,655', 138);
    expect(fitted).toBe('本机关不掌握相… 1,655');
    expect(estimateTextWidth(fitted)).toBeLessThanOrEqual(138);
  });

  it('calls widths under 560 narrow', () => {
    expect([isNarrow(360), isNarrow(559), isNarrow(560), isNarrow(720)]).toEqual([true, true, false, false]);
  });
});
