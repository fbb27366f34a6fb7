import { defineConfig } from 'vitest/config';

/**
 * Test files that read the site built once per run (`inject('distDir')`, tests/global-setup.ts) or drive
 * Chromium. Everything else is a unit test (but SLOW_TESTS below): `npm run test:unit` runs those
 * alone, with no build and no browser; `npm test` runs all three projects.
 */
const SITE_TESTS = [
  'tests/**/*.test.ts',
  'scripts/bench-search.test.ts',
  'src/integrations/pagefind.test.ts',
  'src/integrations/pagefind-trim.test.ts',
];
/** Files in tests/ that need no build: the docs and the machine's requirements. */
const UNIT_TESTS_IN_TESTS = ['tests/docs.test.ts', 'tests/requirements.test.ts'];

/**
 * Tests that need no build but take seconds each, so `npm run test:unit` leaves them to `npm test`
 * (project `slow`): command-line programs run in child processes, the chart workers' processes, every
 * real and fuzzed PDF, and the scale tests over hundreds of synthetic reports (their size is what
 * they test). Each took 9 s or more of test time in a run of the unit project (load average 12).
 */
const SLOW_TESTS = [
  'scripts/ingest.test.ts',
  'scripts/synth.test.ts',
  'scripts/validate.test.ts',
  'src/ingest/pdf-fuzz.test.ts',
  'src/ingest/real-tools.test.ts',
  'src/ingest/fuzz.test.ts',
  'src/integrations/chart-job-content.test.ts',
  'src/integrations/chart-job-departments.test.ts',
  'src/routes/routes-departments.test.ts',
  'src/integrations/prerender-charts.test.ts',
  'src/downloads/year-cells.test.ts',
  'src/downloads/datapackage.test.ts',
  'src/views/data-year-view.test.ts',
  'src/views/feed-window.test.ts',
  'src/views/search-view.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // One module graph per worker, not one per file: importing ECharts, the form and the committed
          // content again for each of 80 files was two thirds of the project's CPU time. The unit tests
          // keep no state between files (the ones that set GONGKAI_CONTENT are in SLOW_TESTS); they pass
          // in shuffled order (--sequence.shuffle).
          isolate: false,
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', ...UNIT_TESTS_IN_TESTS],
          exclude: ['**/node_modules/**', ...SITE_TESTS.filter((glob) => !glob.startsWith('tests/')), ...SLOW_TESTS],
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW_TESTS } },
      {
        extends: true,
        test: { name: 'site', include: SITE_TESTS, exclude: ['**/node_modules/**', ...UNIT_TESTS_IN_TESTS], globalSetup: ['tests/global-setup.ts'] },
      },
    ],
  },
});
