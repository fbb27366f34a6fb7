import { describe, expect, it } from 'vitest';
import { APPEAL_RESULT_COLORS, OKABE_ITO, OUTCOME_COLORS, pickTextColor, SERIES_COLORS } from './palette.ts';

describe('palette', () => {
  it('uses the Okabe–Ito colours only, each once per role', () => {
    const okabe = new Set<string>(Object.values(OKABE_ITO));
    for (const c of SERIES_COLORS) expect(okabe.has(c)).toBe(true);
    expect(new Set(Object.values(OUTCOME_COLORS)).size).toBe(Object.keys(OUTCOME_COLORS).length);
    expect(new Set(Object.values(APPEAL_RESULT_COLORS)).size).toBe(4);
  });

  it('picks the text colour with the better contrast', () => {
    expect(pickTextColor(OKABE_ITO.yellow)).toBe('#000');
    expect(pickTextColor(OKABE_ITO.orange)).toBe('#000');
    expect(pickTextColor(OKABE_ITO.blue)).toBe('#fff');
    expect(pickTextColor('#000000')).toBe('#fff');
  });
});
