import { describe, expect, it } from 'vitest';
import { BUILDS, parseBuildList, parseSuite, SUITES } from './build-list.ts';

describe('parseBuildList', () => {
  it('takes every build by default and any subset in order', () => {
    expect(parseBuildList(BUILDS.join(','), false)).toEqual(['baseline', 'cold', 'warm', 'changed-1', 'changed-1pct']);
    expect(parseBuildList('baseline', false)).toEqual(['baseline']);
    expect(parseBuildList('cold, changed-1', false)).toEqual(['cold', 'changed-1']);
  });

  it('lets a resumed run start from a warm or changed build', () => {
    expect(parseBuildList('baseline,changed-1pct', true)).toEqual(['baseline', 'changed-1pct']);
    expect(() => parseBuildList('baseline,changed-1', false)).toThrow(/changed-1 builds on an earlier site build; add cold, or --scratch DIR/);
  });

  it('refuses unknown names, repeats, the wrong order and an empty list', () => {
    expect(() => parseBuildList('cold,hot', false)).toThrow(/unknown build hot/);
    expect(() => parseBuildList('changed-1,warm', true)).toThrow(/in the order baseline, cold, warm, changed-1, changed-1pct/);
    expect(() => parseBuildList('cold,cold', false)).toThrow(/once each/);
    expect(() => parseBuildList(' , ', false)).toThrow(/no build named/);
  });
});

describe('parseSuite', () => {
  it('names suites whose builds are a valid list, and refuses an unknown one naming the suites', () => {
    for (const [name, builds] of Object.entries(SUITES)) {
      expect(parseSuite(name)).toBe(name);
      expect(parseBuildList(builds.join(','), name === 'rebuilds')).toEqual(builds);
    }
    expect(() => parseSuite('fast')).toThrow(/unknown suite fast \(choose from scale, rebuilds, caches, cold; build-cache and search run scripts of their own\)/);
    expect(() => parseSuite('toString')).toThrow(/unknown suite toString/);
  });
});
