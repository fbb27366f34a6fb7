import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listReportCharts } from '../charts/chart-sets.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { listCompareChartPlaces, listJurisdictionChartPlaces } from '../views/page-chart-homes.ts';
import { getPageKeys } from './keys.ts';
import * as routes from './routes.ts';

const PAGES = fileURLToPath(new URL('../pages/', import.meta.url));

/** Every page and endpoint file under src/pages/, relative to it. */
function listPageFiles(dir = PAGES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listPageFiles(join(dir, e.name)) : [relative(PAGES, join(dir, e.name))]));
}

/** The route functions of routes.ts: every export that is a function. */
const PATH_LISTS = Object.entries(routes).filter(([, v]) => typeof v === 'function').map(([name]) => name);

describe('every route takes its paths and keys from src/routes/routes.ts (on the committed content)', () => {
  const files = listPageFiles();

  it('each page or endpoint either takes getStaticPaths from it in one line or is listed as unkeyed, with a reason', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = readFileSync(join(PAGES, file), 'utf8');
      const taken = /^export const getStaticPaths = (\w+);$/m.exec(text);
      if (file in routes.UNKEYED_ROUTES) {
        expect(text, `${file} is listed as unkeyed but has getStaticPaths`).not.toMatch(/export (const|function|async function) getStaticPaths\b/);
        expect(routes.UNKEYED_ROUTES[file]!.length, file).toBeGreaterThan(10);
        continue;
      }
      expect(taken?.[1], `${file}: neither \`export const getStaticPaths = <a function of src/routes/routes.ts>;\` nor listed in UNKEYED_ROUTES`).toBeDefined();
      expect(PATH_LISTS, file).toContain(taken![1]);
      expect(text, file).toMatch(new RegExp(`import \\{ ${taken![1]} \\} from '(\\.\\./)+routes/routes\\.ts';`));
      expect(text.match(/export (const|function|async function) getStaticPaths\b/g)?.length, `${file} defines its paths twice`).toBe(1);
    }
    for (const file of Object.keys(routes.UNKEYED_ROUTES)) expect(files, `UNKEYED_ROUTES names ${file}, which is no page`).toContain(file);
    // A file the build writes after the pages is listed there, not as a route's path.
    for (const path of routes.STREAMED_SITE_PATHS) expect(Object.keys(routes.WRITTEN_AFTER_PAGES)).toContain(path);
    // Every site-wide CSV is written after the pages (moved from the download stash), none by an endpoint in a build.
    expect(routes.STREAMED_SITE_PATHS).toEqual(['/data/cells.csv', '/data/reports.csv', '/data/active.csv', '/data/requests.csv', '/data/appeals.csv']);
  });

  it('lists one chart embed per chart of every report, keyed by the report', () => {
    const content = getSiteContent();
    const keys = getPageKeys(content);
    const paths = routes.reportChartPaths();
    expect(paths.length).toBe(content.reports.reduce((n, r) => n + listReportCharts(r, content.jurisdictions).length, 0));
    for (const path of paths) expect(path.cacheKey).toBe(keys.report(String(path.params.id)));
  });

  it('keys a jurisdiction chart embed by its government’s reports, a comparison chart embed by its year and metric', () => {
    const content = getSiteContent();
    const keys = getPageKeys(content);
    const jurisdictionPaths = routes.jurisdictionChartPaths();
    expect(jurisdictionPaths.length).toBe(listJurisdictionChartPlaces(content.reports, content.jurisdictions).reduce((n, p) => n + p.keys.length, 0));
    for (const path of jurisdictionPaths) expect(path.cacheKey, JSON.stringify(path.params)).toBe(keys.publisher(String(path.params.code)));
    const comparePaths = routes.compareChartPaths();
    expect(comparePaths.length).toBe(listCompareChartPlaces(content.reports, content.jurisdictions).reduce((n, p) => n + p.keys.length, 0));
    for (const path of comparePaths) expect(path.cacheKey, JSON.stringify(path.params)).toBe(keys.compare(Number(path.params.year), String(path.params.metric)));
  });

  it('keys a report’s pages and files by the report, and a year’s lists by the year', () => {
    const keys = getPageKeys(getSiteContent());
    for (const list of [routes.reportPaths, routes.reportCellsPaths, routes.reportTablePaths]) for (const p of list()) expect(p.cacheKey).toBe(keys.report(String(p.params.id)));
    for (const list of [routes.yearListPaths, routes.dataYearPaths]) for (const p of list()) expect(p.cacheKey).toBe(keys.year(Number(p.params.year)));
  });
});
