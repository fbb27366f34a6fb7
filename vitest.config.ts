import { defineConfig } from 'vitest/config';

/**
 * Test files that read the site built once per run (`inject('distDir')`, tests/global-setup.ts) or drive
 * Chromium. Everything else is a unit test: `npm run test:unit` runs those alone, with no build and no
 * browser; `npm test` runs both projects.
 */
const SITE_TESTS = [
  'tests/**/*.test.ts',
  'scripts/bench-search.test.ts',
  'src/integrations/pagefind.test.ts',
  'src/integrations/pagefind-trim.test.ts',
];
/** Files in tests/ that need no build: the docs and the machine's requirements. */
const UNIT_TESTS_IN_TESTS = ['tests/docs.test.ts', 'tests/requirements.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', ...UNIT_TESTS_IN_TESTS],
          exclude: ['**/node_modules/**', ...SITE_TESTS.filter((glob) => !glob.startsWith('tests/'))],
        },
      },
      {
        extends: true,
        test: { name: 'site', include: SITE_TESTS, exclude: ['**/node_modules/**', ...UNIT_TESTS_IN_TESTS], globalSetup: ['tests/global-setup.ts'] },
      },
    ],
  },
});
