/**
 * Lighthouse (mobile preset, simulated throttling) on every page type, against Debian's Chromium and
 * the built site on a local server: performance ≥ 95, accessibility, best practices and SEO 100.
 * One scored run per page type, after one unscored warm-up run; the scores are printed, and the audits that cost points are named on failure.
 */
import { loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PAGE_TYPES } from '../page-types.ts';
import { assertChromium } from '../requirements.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startSiteServer, type SiteServer } from './browser.ts';

const dist = inject('distDir');
const departmentsDist = inject('departmentsDistDir');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** The lowest score (0–100) each category may have. */
const MINIMUM: Readonly<Record<(typeof CATEGORIES)[number], number>> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
/** Below this CPU benchmark of the host Lighthouse warns that the machine is slower than it expects (core/gather/driver/environment.js). */
const SLOW_HOST_BENCHMARK = 1000;
const scores: string[] = [];
let server: SiteServer;
let departmentsServer: SiteServer;
let chrome: chromeLauncher.LaunchedChrome;

beforeAll(async () => {
  server = await startSiteServer(dist);
  departmentsServer = await startSiteServer(departmentsDist);
  assertChromium();
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS, logLevel: 'silent' });
  // One unscored run first: on two fresh machines (aa539cd and c573ac2) the suite's first Lighthouse
  // run, the home page's, lost points of total blocking time (92 and 89) and its retry scored 100,
  // while no later page failed. That is the first run's start-up (a new browser profile, Lighthouse's
  // own modules), not the page. Its result is thrown away; every page type is still scored below.
  await lighthouse(`${server.origin}/`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
}, 120_000);

afterAll(async () => {
  if (scores.length) console.log(`Lighthouse scores (performance / accessibility / best practices / SEO):\n${scores.join('\n')}`);
  chrome?.kill();
  await server?.close();
  await departmentsServer?.close();
});

describe.each(PAGE_TYPES)('Lighthouse on the $name page', (type) => {
  // One retry: Lighthouse's simulated throttling scales the page's main-thread time as observed, so a
  // run beside other test files can lose a few points of total blocking time (a fresh-machine run at
  // c573ac2: the home page 89 at load 2.2, then 20 of 20 pages ≥ 95 with the file run alone). A page
  // that really got slower fails both runs.
  it(`scores performance ≥ ${MINIMUM.performance} and 100 for accessibility, best practices and SEO`, { timeout: 120_000, retry: 1 }, async () => {
    const result = await lighthouse(`${(type.site === 'departments' ? departmentsServer : server).origin}${type.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    expect(lhr.runtimeError?.message ?? null).toBeNull();
    const got = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<(typeof CATEGORIES)[number], number>;
    const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'].map((id) => `${id.replace(/-/g, ' ')} ${lhr.audits[id]?.displayValue ?? '?'}`).join(', ');
    // A busy machine slows the page's scripts as Lighthouse observes them: its CPU benchmark says so.
    const benchmark = Math.round(lhr.environment.benchmarkIndex);
    const host = `Lighthouse's CPU benchmark of this machine ${benchmark}${benchmark < SLOW_HOST_BENCHMARK ? ` (below the ${SLOW_HOST_BENCHMARK} Lighthouse expects: the machine was busy or slow, which inflates total blocking time; docs/testing.md)` : ''}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
    scores.push(`${type.name.padEnd(14)} ${CATEGORIES.map((c) => String(got[c]).padStart(3)).join(' / ')}   (${metrics}; CPU benchmark ${benchmark})`);
    // Name what cost points, so a failure says what to fix.
    const lost = CATEGORIES.flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id]?.score}) ${lhr.audits[ref.id]?.displayValue ?? ''}`),
    );
    const below = CATEGORIES.filter((c) => got[c] < MINIMUM[c]).map((c) => `${c} ${got[c]} < ${MINIMUM[c]}`);
    expect(below, `${type.path} lost points on:\n${lost.join('\n')}\n${host}`).toEqual([]);
  });
});
