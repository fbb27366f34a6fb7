import { describe, expect, it } from 'vitest';
import { describeLocation, timeByLocation, topFunctions, type CpuProfile } from './cpu-profile.ts';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

/** A profile of four nodes: a root, two functions of two places and the collector; samples in µs. */
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('renderToString', 'file:///w/node_modules/astro/dist/runtime/server/render.js', 9) },
    { id: 3, callFrame: frame('hashChartInput', 'file:///w/src/machinery/svg-cache.ts', 41) },
    { id: 4, callFrame: frame('(garbage collector)', '') },
    { id: 5, callFrame: frame('', 'file:///w/node_modules/@resvg/resvg-js/index.js', 2) },
  ],
  samples: [2, 3, 3, 4, 2, 3, 5],
  timeDeltas: [1000, 2_000_000, 1_000_000, 500_000, 1000, 30_000, 10_000],
};

describe('reading a CPU profile', () => {
  it('adds up self time by function, largest first', () => {
    expect(topFunctions(PROFILE, 3)).toEqual([
      { name: 'hashChartInput src/machinery/svg-cache.ts:42', seconds: 3.03 },
      { name: '(garbage collector)', seconds: 0.5 },
      { name: '(anonymous) @resvg/resvg-js:3', seconds: 0.01 },
    ]);
  });

  it('adds up self time by where the code lives: a package, a project file, V8', () => {
    expect(timeByLocation(PROFILE)).toEqual([
      { name: 'src/machinery/svg-cache.ts', seconds: 3.03 },
      { name: '(garbage collector)', seconds: 0.5 },
      { name: '@resvg/resvg-js', seconds: 0.01 },
      { name: 'astro', seconds: 0 },
    ]);
  });

  it('names packages, scoped packages, Node and bundled project files', () => {
    expect(describeLocation('file:///a/node_modules/echarts/lib/x.js', 'f')).toBe('echarts');
    expect(describeLocation('file:///a/node_modules/.pnpm/x/node_modules/@scope/pkg/i.js', 'f')).toBe('@scope/pkg');
    expect(describeLocation('node:internal/fs/utils', 'f')).toBe('node:internal');
    expect(describeLocation('file:///s/site/.astro/.prerender/chunks/build-images_Xbapshpj.mjs', 'f')).toBe('bundle:build-images');
    expect(describeLocation('file:///s/site/.astro/.prerender/prerender-entry.2aYDzDml.mjs', 'f')).toBe('bundle:prerender-entry');
    expect(describeLocation('file:///w/src/views/page-keys.ts', 'f')).toBe('src/views/page-keys.ts');
    expect(describeLocation('', '(idle)')).toBe('(idle)');
  });
});
