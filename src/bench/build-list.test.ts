import { describe, expect, it } from 'vitest';
import { BUILDS, parseBuildList } from './build-list.ts';

describe('parseBuildList', () => {
  it('takes every build by default and any subset in order', () => {
    expect(parseBuildList(BUILDS.join(','), false)).toEqual(['baseline', 'cold', 'warm', 'changed-1pct']);
    expect(parseBuildList('baseline', false)).toEqual(['baseline']);
    expect(parseBuildList('cold, warm', false)).toEqual(['cold', 'warm']);
  });

  it('lets a resumed run start from a warm or changed build', () => {
    expect(parseBuildList('baseline,changed-1pct', true)).toEqual(['baseline', 'changed-1pct']);
    expect(() => parseBuildList('baseline,changed-1pct', false)).toThrow(/changed-1pct builds on an earlier site build; add cold, or --scratch DIR/);
  });

  it('refuses unknown names, repeats, the wrong order and an empty list', () => {
    expect(() => parseBuildList('cold,hot', false)).toThrow(/unknown build hot/);
    expect(() => parseBuildList('warm,cold', true)).toThrow(/in the order baseline, cold, warm, changed-1pct/);
    expect(() => parseBuildList('cold,cold', false)).toThrow(/once each/);
    expect(() => parseBuildList(' , ', false)).toThrow(/no build named/);
  });
});
