import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPageTimes, listRoutePatterns, readRoutePatterns } from './page-times.ts';

/** The site's own routes, as the bench lists them from the snapshot's src/pages. */
const siteRoutes = readRoutePatterns(fileURLToPath(new URL('../pages', import.meta.url)));
const routeOf = (path: string): string | undefined => siteRoutes.find((r) => r.test.test(path))?.route;

describe('listRoutePatterns', () => {
  it("puts each file the site writes down to the route that writes it, static segments before dynamic ones", () => {
    expect(routeOf('/index.html')).toBe('index');
    expect(routeOf('/404.html')).toBe('404');
    expect(routeOf('/reports/230100-jiaoyu-2021/index.html')).toBe('reports/[id]/index');
    expect(routeOf('/reports/230100-2021/source/index.html')).toBe('reports/[id]/source/index');
    expect(routeOf('/reports/230100-2021/cells.csv')).toBe('reports/[id]/cells.csv');
    expect(routeOf('/reports/230100-2021/requests.csv')).toBe('reports/[id]/[table].csv');
    expect(routeOf('/embed/230100-2021/flow/index.html')).toBe('embed/[id]/[chart]/index');
    expect(routeOf('/embed/230100-2021/flow/chart.svg')).toBe('embed/[id]/[chart]/chart.svg');
    expect(routeOf('/embed/jurisdictions/230100/trend-grant_rate/index.html')).toBe('embed/jurisdictions/[code]/[chart]/index');
    expect(routeOf('/embed/publishers/230100-jiaoyu/trend-grant_rate/index.html')).toBe('embed/publishers/[key]/[chart]/index');
    expect(routeOf('/embed/compare/2021/grant_rate/ranking-county/index.html')).toBe('embed/compare/[year]/[metric]/[chart]/index');
    expect(routeOf('/embed/compare/2021/grant_rate/jiaoyu/ranking-county/index.html')).toBe('embed/compare/[year]/[metric]/[agency]/[chart]/index');
    expect(routeOf('/compare/2021/grant_rate/index.html')).toBe('compare/[year]/[metric]/index');
    expect(routeOf('/compare/2021/grant_rate/jiaoyu/index.html')).toBe('compare/[year]/[metric]/[agency]/index');
    expect(routeOf('/compare/index.html')).toBe('compare/index');
    expect(routeOf('/data/2021/index.html')).toBe('data/[year]/[...page]');
    expect(routeOf('/data/2021/3/index.html')).toBe('data/[year]/[...page]');
    expect(routeOf('/data/2021/cells.csv')).toBe('data/[year]/cells.csv');
    expect(routeOf('/data/datapackage.json')).toBe('data/datapackage.json');
    expect(routeOf('/data/reports.csv')).toBe('data/[file].csv');
    expect(routeOf('/jurisdictions/230100/og.png')).toBe('jurisdictions/[code]/og.png');
    expect(routeOf('/robots.txt')).toBe('robots.txt');
    expect(routeOf('/search/places/230100.json')).toBe('search/places/[code].json');
  });

  it('matches nothing a route does not write', () => {
    expect(routeOf('/reports/230100-2021/extra/page/index.html')).toBeUndefined();
    expect(routeOf('/embed/230100-2021/index.html')).toBeUndefined();
    expect(routeOf('/data/2021/cells.json')).toBeUndefined();
  });

  it('ranks a static page before a dynamic one of the same shape, whatever the order of the files', () => {
    const files = ['a/[x].astro', 'a/b.astro', 'a/[...rest].astro'];
    for (const order of [files, [...files].reverse()]) {
      const routes = listRoutePatterns(order);
      expect(routes.map((r) => r.route)).toEqual(['a/b', 'a/[x]', 'a/[...rest]']);
      expect(routes.find((r) => r.test.test('/a/b/index.html'))?.route).toBe('a/b');
      expect(routes.find((r) => r.test.test('/a/c/index.html'))?.route).toBe('a/[x]');
      expect(routes.find((r) => r.test.test('/a/c/d/index.html'))?.route).toBe('a/[...rest]');
    }
  });
});

describe('createPageTimes', () => {
  it("adds up Astro's page lines by route, in seconds, the slowest route first, and counts the pages the incremental build kept apart", () => {
    const times = createPageTimes(siteRoutes);
    for (const line of [
      '17:07:14 [build] generating static routes',
      '17:07:14   ├─ /reports/230100-2021/index.html (+3ms) ',
      '17:07:14   ├─ /reports/230100-2022/index.html (+1.5s) ',
      '17:07:14   ├─ /embed/230100-2021/flow/index.html (+12ms) ',
      '17:07:14   ├─ /embed/230100-2021/active/index.html (+0.5ms) ',
      '17:07:14   ├─ /embed/230100-2021/appeals/index.html (cached)',
      '17:07:14   └─ /reports/230100-2023/index.html (cached)',
      '17:07:15 [build] 4 page(s) built in 1.52s',
    ]) times.line(line);
    expect(times.summary()).toEqual([
      { route: 'reports/[id]/index', pages: 2, seconds: 1.503, cached: 1 },
      { route: 'embed/[id]/[chart]/index', pages: 2, seconds: 0.013, cached: 1 },
    ]);
  });

  it('takes a time that comes on a line of its own after another line, as when the progress line cuts in', () => {
    const times = createPageTimes(siteRoutes);
    for (const line of ['17:04:15   ├─ /embed/230111-2019/applicants/index.html', '17:04:15 [gongkai-prerender-charts] files 2,018 / 40,026 (5%), 33s', ' (+33ms) ']) times.line(line);
    expect(times.summary()).toEqual([{ route: 'embed/[id]/[chart]/index', pages: 1, seconds: 0.033, cached: 0 }]);
  });

  it('counts a page whose time never came, with no time, and names a path no route writes', () => {
    const times = createPageTimes(siteRoutes);
    times.line('  ├─ /reports/230100-2021/index.html');
    times.line('  ├─ /odd/place.txt (+2ms)');
    expect(times.summary()).toEqual([
      { route: '(no route) /odd/place.txt', pages: 1, seconds: 0.002, cached: 0 },
      { route: 'reports/[id]/index', pages: 1, seconds: 0, cached: 0 },
    ]);
  });
});
