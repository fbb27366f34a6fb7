/**
 * `npm run screenshots`: the README's pictures of the site, taken from the built `dist/` (run
 * `npm run build` first) in Debian's Chromium: the first screen of a report page at 390 px (a
 * phone) and at 1280 px (a laptop), light theme, written to docs/screenshots/report-<width>.png.
 * Exit 0: written; 1: no dist/ or the browser failed.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, startSiteServer } from '../tests/e2e/browser.ts';

/** The report shown: 同江市 2020, whose printed figures break one of the form's sums (its flag shows). */
const REPORT_PATH = '/reports/230881-2020/';
const SHOTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const out = join(root, 'docs', 'screenshots');
if (!existsSync(join(dist, REPORT_PATH, 'index.html'))) {
  console.error(`screenshots: ${join(dist, REPORT_PATH)} is not built; run npm run build first`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const server = await startSiteServer(dist);
const browser = await launchBrowser();
try {
  for (const { width, height } of SHOTS) {
    const { page, context, status, watch } = await openPage(browser, server.origin, REPORT_PATH, { width, height, colorScheme: 'light' });
    if (status !== 200 || watch.consoleErrors.length || watch.failedRequests.length) throw new Error(`${REPORT_PATH} at ${width} px: HTTP ${status}; ${[...watch.consoleErrors, ...watch.failedRequests].join('; ')}`);
    await page.evaluate(() => document.fonts.ready);
    const file = join(out, `report-${width}.png`);
    await page.screenshot({ path: file });
    await context.close();
    console.log(`screenshots: ${file} (${width}×${height}, ${Math.round(statSync(file).size / 1024)} KB)`);
  }
} finally {
  await browser.close();
  await server.close();
}
