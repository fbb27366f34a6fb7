/**
 * The time Astro's build log gives each page it writes, added up by route (`npm run bench --
 * --page-times`): which routes a build rendered, how many pages of each and how long they took. A
 * page's time is the log's `(+12ms)` after its path: from the page's start to its file written, so
 * it includes what the page waited for (a chart not yet drawn by the worker), not only its own work.
 * A page is put down to the first route of the site's `src/pages` whose pattern its path matches,
 * static segments before dynamic ones, as Astro ranks them.
 */
import { readdirSync } from 'node:fs';

/** One route of `src/pages`, as a pattern of the files it writes. */
export interface RoutePattern {
  /** The route's file under `src/pages`, without its extension (`embed/[id]/[chart]/index`). */
  readonly route: string;
  readonly test: RegExp;
}

/** What a build's pages of one route took. */
export interface RouteTime {
  readonly route: string;
  /** Pages rendered. */
  readonly pages: number;
  readonly seconds: number;
  /** Pages the incremental build left as they were (logged `(cached)`). */
  readonly cached: number;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One segment of a route's file path as a pattern, and how Astro ranks it (static 0, dynamic 1, rest 2). */
function segmentPattern(segment: string): { source: string; rank: number } {
  const rest = /^\[\.\.\.[^\]]+\]$/.exec(segment);
  if (rest) return { source: '(?:[^/]+(?:/[^/]+)*/)?', rank: 2 };
  if (!segment.includes('[')) return { source: `${escape(segment)}/`, rank: 0 };
  return { source: `${segment.split(/\[[^\]]+\]/).map(escape).join('[^/]+')}/`, rank: 1 };
}

/**
 * The patterns of a site's routes from their files under `src/pages` (paths relative to it, `/`
 * separated): `x/index.astro` writes `/x/index.html`, `x/name.astro` `/x/name/index.html` (the
 * directory format) but `404.astro` `/404.html`, and an endpoint `x/[file].csv.ts` `/x/<file>.csv`.
 * Ranked as Astro ranks routes: by segment, static before dynamic before rest parameters.
 */
export function listRoutePatterns(files: readonly string[]): RoutePattern[] {
  const routes = files.flatMap((file) => {
    const astro = file.endsWith('.astro');
    const endpoint = /\.[a-z]+\.(?:ts|js)$/.test(file);
    if (!astro && !endpoint) return [];
    const route = file.replace(/\.(?:astro|ts|js)$/, '');
    const parts = route.split('/');
    const last = parts.pop()!;
    const dirs = parts.map(segmentPattern);
    let tail: string;
    let tailRank: number;
    if (endpoint) {
      const seg = segmentPattern(last);
      [tail, tailRank] = [seg.source.slice(0, -1), seg.rank];
    } else if (last === 'index') {
      [tail, tailRank] = ['index\\.html', 0];
    } else if (last === '404' || last === '500') {
      [tail, tailRank] = [`${last}\\.html`, 0];
    } else {
      const seg = segmentPattern(last);
      [tail, tailRank] = [`${seg.source}index\\.html`, seg.rank];
    }
    const ranks = [...dirs.map((d) => d.rank), tailRank];
    return [{ route, test: new RegExp(`^/${dirs.map((d) => d.source).join('')}${tail}$`), ranks }];
  });
  const compare = (a: readonly number[], b: readonly number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return b.length - a.length;
  };
  return routes.sort((a, b) => compare(a.ranks, b.ranks) || a.route.localeCompare(b.route)).map(({ route, test }) => ({ route, test }));
}

/** The patterns of the routes of a site's `src/pages` folder (listRoutePatterns of every file in it). */
export function readRoutePatterns(pagesDir: string): RoutePattern[] {
  return listRoutePatterns(readdirSync(pagesDir, { recursive: true, encoding: 'utf8' }).map((f) => f.replaceAll('\\', '/')));
}

/**
 * A page line of Astro's build log: `├─ /path (+12ms)`, or `├─ /path (cached)` for a page the
 * incremental build kept; the time may come on a later line of its own, after a line other output
 * put between.
 */
const PAGE_LINE = /[├└]─ (\/\S*)(?: \(\+([\d.]+)(ms|s)\)| (\(cached\)))?/;
const TIME_ONLY = /^\s*\(\+([\d.]+)(ms|s)\)\s*$/;

const toSeconds = (value: string, unit: string): number => Number(value) / (unit === 'ms' ? 1000 : 1);

/** Adds up the page lines of a build's log by route; `line` takes the log a line at a time. */
export function createPageTimes(routes: readonly RoutePattern[]): { line(text: string): void; summary(): RouteTime[] } {
  const byRoute = new Map<string, { pages: number; seconds: number; cached: number }>();
  let pending: string | null = null;
  const add = (path: string, seconds: number | 'cached'): void => {
    const route = routes.find((r) => r.test.test(path))?.route ?? `(no route) ${path}`;
    const entry = byRoute.get(route) ?? { pages: 0, seconds: 0, cached: 0 };
    if (seconds === 'cached') entry.cached += 1;
    else {
      entry.pages += 1;
      entry.seconds += seconds;
    }
    byRoute.set(route, entry);
  };
  return {
    line(text) {
      const page = PAGE_LINE.exec(text);
      if (page) {
        if (pending !== null) add(pending, 0);
        pending = null;
        if (page[4]) add(page[1]!, 'cached');
        else if (page[2] && page[3]) add(page[1]!, toSeconds(page[2], page[3]));
        else pending = page[1]!;
        return;
      }
      const time = TIME_ONLY.exec(text);
      if (time && pending !== null) {
        add(pending, toSeconds(time[1]!, time[2]!));
        pending = null;
      }
    },
    summary() {
      if (pending !== null) add(pending, 0);
      pending = null;
      return [...byRoute].map(([route, e]) => ({ route, pages: e.pages, seconds: Math.round(e.seconds * 1000) / 1000, cached: e.cached })).sort((a, b) => b.seconds - a.seconds || a.route.localeCompare(b.route));
    },
  };
}
