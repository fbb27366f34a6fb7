import { describe, expect, it } from 'vitest';
import { readCommittedJurisdictionsCsv, writeDepartmentCorpus } from '../fixtures/department-corpus.ts';
import { useScratchBuildEnv } from '../fixtures/scratch-build-env.ts';
import { readJurisdictionsCsv } from '../jurisdictions/jurisdictions.ts';
import * as routes from './routes.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { listDepartmentCompareChartPlaces, listPlaceCharts } from '../views/page-chart-homes.ts';

/** The route functions of routes.ts: every export that is a function. */
const PATH_LISTS = Object.entries(routes).filter(([, v]) => typeof v === 'function') as [string, () => { params: object; cacheKey?: string }[]][];

// Its own file: the build's content is loaded once per process, from GONGKAI_CONTENT.
describe('every route over the department corpus (governments and departments, several years)', () => {
  useScratchBuildEnv('gongkai-routes', (root) => {
    const csv = readCommittedJurisdictionsCsv();
    writeDepartmentCorpus(root, readJurisdictionsCsv(csv, 'jurisdictions.csv').index, csv);
  });

  it('has paths, every path has a cache key, and no route lists a path twice', () => {
    for (const [name, list] of PATH_LISTS) {
      const paths = list();
      if (name !== 'yearCellsPaths') expect(paths.length, name).toBeGreaterThan(0);
      for (const p of paths) expect(typeof p.cacheKey === 'string' && p.cacheKey.length > 0, `${name} ${JSON.stringify(p.params)}`).toBe(true);
      expect(new Set(paths.map((p) => JSON.stringify(p.params))).size, name).toBe(paths.length);
    }
  });

  it('lists each department comparison with the keys of the charts its page draws', () => {
    const content = getSiteContent();
    const listed = listDepartmentCompareChartPlaces(content.reports, content.jurisdictions);
    expect(listed.length).toBeGreaterThan(0);
    for (const { place, keys } of listed) expect(keys).toEqual(listPlaceCharts(place, content.jurisdictions).map((e) => e.key));
  });
});
