/**
 * How the site's search index is cut into parts, so Pagefind only ever holds one part in memory: the
 * pages that are not reports (jurisdictions, comparisons, methodology) in one part, the reports by report year,
 * and a year with more pages than a part may hold into buckets by a hash of the report id (adding a
 * report changes one bucket, unless the year's bucket count has to double). Pure: paths in, parts out.
 */
import { REPORT_ID } from '../reports/report-id.ts';

/** The most pages a part holds by default: a 500-page part of real-length reports peaks at about 0.9 GB (Pagefind and Node; README, npm run bench -- --suite search). */
export const SEARCH_PART_MAX_PAGES = 500;

/** The part of every page that is not a report. */
export const PLACES_PART = 'places';

/** The manifest the search page reads, beside the parts in the Pagefind directory. */
export const SEARCH_MANIFEST = 'parts.json';

/** The most buckets a year is cut into, however small a part is asked to be (reached only when ids collide in the hash). */
const MAX_BUCKETS = 1 << 16;

/** One part of the search index: its directory name and the site-relative paths of the pages it covers, sorted. */
export interface SearchPart {
  readonly name: string;
  readonly pages: readonly string[];
}

/** The manifest of the parts: each part's bundle directory relative to the manifest, the first one's `pagefind.js` loading the others. */
export interface SearchManifest {
  readonly parts: readonly string[];
}

/** Hashes a report id to 32 bits (FNV-1a over its UTF-16 units): stable across runs and machines. */
export function hashReportId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The report id a page path is the page of (`reports/<id>/index.html`), or null for any other page. */
function parseReportPage(path: string): { id: string; year: number } | null {
  const dir = /^reports\/([^/]+)\/index\.html$/.exec(path)?.[1];
  if (dir === undefined) return null;
  const match = REPORT_ID.exec(dir);
  if (!match) throw new Error(`${path}: a report page whose directory is not a report id (<code>-<year> or <code>-<agency>-<year>); cannot tell its search part`);
  return { id: dir, year: Number(match[3]) };
}

/** Cuts one year's reports into the fewest power-of-two buckets by id hash that each hold at most `maxPages`. */
function splitYear(year: number, pages: readonly { id: string; path: string }[], maxPages: number): SearchPart[] {
  if (pages.length <= maxPages) return [{ name: String(year), pages: pages.map((p) => p.path) }];
  let buckets = 1;
  while (buckets * maxPages < pages.length) buckets *= 2;
  for (;;) {
    const split: string[][] = Array.from({ length: buckets }, () => []);
    for (const p of pages) split[hashReportId(p.id) % buckets]!.push(p.path);
    if (buckets >= MAX_BUCKETS || split.every((b) => b.length <= maxPages)) {
      return split.flatMap((b, i) => (b.length ? [{ name: `${year}-${i + 1}`, pages: b }] : []));
    }
    buckets *= 2;
  }
}

/**
 * Plans the parts of the index for the pages search covers (site-relative paths): the places part
 * first, then each report year ascending, a year's buckets by number. Throws for a report page whose
 * directory is not a report id.
 */
export function planSearchParts(paths: readonly string[], maxPages: number = SEARCH_PART_MAX_PAGES): SearchPart[] {
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new Error(`search parts: at most ${maxPages} pages a part; expected a positive integer`);
  const places: string[] = [];
  const years = new Map<number, { id: string; path: string }[]>();
  for (const path of [...paths].sort()) {
    const report = parseReportPage(path);
    if (!report) places.push(path);
    else {
      const year = years.get(report.year) ?? [];
      year.push({ id: report.id, path });
      years.set(report.year, year);
    }
  }
  const parts: SearchPart[] = places.length ? [{ name: PLACES_PART, pages: places }] : [];
  for (const year of [...years.keys()].sort((a, b) => a - b)) parts.push(...splitYear(year, years.get(year)!, maxPages));
  return parts;
}

/** Reads the pages-per-part setting: `GONGKAI_SEARCH_PART_PAGES` when set (a positive integer), else the default. */
export function readSearchPartMaxPages(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.GONGKAI_SEARCH_PART_PAGES;
  if (raw === undefined || raw === '') return SEARCH_PART_MAX_PAGES;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`GONGKAI_SEARCH_PART_PAGES=${raw}: expected a positive integer (pages per search index part)\nhint: leave it unset for the default, ${SEARCH_PART_MAX_PAGES}`);
  return Number(raw);
}

/** Renders the manifest of the parts, in plan order, as the search page reads it. */
export function renderSearchManifest(parts: readonly SearchPart[]): string {
  return `${JSON.stringify({ parts: parts.map((p) => `${p.name}/`) } satisfies SearchManifest)}\n`;
}
