/**
 * The cache keys of the site's generated paths, for Astro's incremental build
 * (`experimental.incrementalBuild`): a path whose key and route code are unchanged since the last
 * build is not rendered again. A key hashes everything in the content that its page reads, so two
 * builds of the same content give the same keys and a changed report changes the keys of exactly
 * the pages that show it. Route code is not in the keys: Astro hashes each route's module graph.
 *
 * Assumes each page reads only: its report (a report's pages also name its jurisdiction's chain and
 * list the other years of its series); a jurisdiction's page, what its view shows (its own and its
 * departments' reports as listed, its children's report counts), its government's reports (its
 * charts) and its key figures (set against its peers: the same level's governments that year); a
 * publisher's charts (a department's, or a government's: its series key is its jurisdiction code), its
 * reports; a department's page also what its view shows (`buildPublisherView`: its latest report's
 * key figures with its peers' median and its rank among them, and whether it links its kind's
 * comparisons that year); a department comparison (a kind, a metric, a year), its rankings' data
 * and the years its kind is compared; a comparison of governments (a metric, a year), its
 * rankings' data, the years on file and the kinds of department compared on it that year (it links
 * them); a year's list, the reports of that year and the years on file; a site-wide file, every
 * report; a search file of places, what it lists of its jurisdiction's own reports. Every key also covers the jurisdiction list. Where a key hashes a view (a jurisdiction's
 * page, a comparison's rankings), it is built by the function the page renders it with, so the two
 * cannot drift apart, and an edit that changes nothing a page shows leaves its key alone.
 */
import { createHash } from 'node:crypto';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { seriesOf } from '../reports/report-id.ts';
import type { CheckedReport } from '../reports/types.ts';
import { deriveRankingData } from '../charts/ranking.ts';
import { deriveDepartmentRankingData } from '../charts/department-ranking.ts';
import { listDepartmentCompareLinks, listDepartmentCompareReports } from '../views/department-compare-view.ts';
import { buildJurisdictionView, buildPlaceKeyFigures } from '../views/site-views.ts';
import { buildSearchPlaceReports } from '../views/search-view.ts';
import { buildYearView } from '../views/year-view.ts';
import { buildPublisherView } from '../views/publisher-view.ts';

/** The content the keys are computed from. */
export interface KeyedContent {
  readonly jurisdictions: JurisdictionIndex;
  readonly reports: readonly CheckedReport[];
}

/** The cache keys of the site's paths, by what the path shows. */
export interface PageKeys {
  /** Any path of one report: its page, CSVs, images and embeds. */
  readonly report: (id: string) => string;
  /**
   * A jurisdiction's search file of places: what it lists of the reports at that jurisdiction (id,
   * year, title, failing rules; `buildSearchPlaceReports`), not their tables or text, nor the reports
   * under it (the file lists its own only). Before, it hashed every report at or under it, so any edit
   * re-rendered the province's, the prefecture's and the county's files, which seldom changed.
   */
  readonly searchPlace: (code: string) => string;
  /** A jurisdiction's page: what its view and key figures show, and its government's reports (its charts). */
  readonly jurisdictionPage: (code: string) => string;
  /** A publisher's charts and their embeds: its reports (publisher key `230100-jiaoyu`; a government's is its jurisdiction code). */
  readonly publisher: (key: string) => string;
  /** A department's page: its charts' key and what its view shows (its key figures set against its latest report's peers: their median, its rank). */
  readonly publisherPage: (key: string) => string;
  /** A comparison of one kind of department (agency slug) on one metric in one year, and its charts: its rankings' data and the years its kind is compared (it links them). */
  readonly departmentCompare: (agencySlug: string, year: number, metricId: string) => string;
  /** A comparison of governments on one metric in one year, and its charts: its rankings' data, the years on file, the kinds of department compared that year on that metric (it links them). */
  readonly compare: (year: number, metricId: string) => string;
  /** A year's pages over every report of that year (its report lists, its data page): that year's reports and the years on file. */
  readonly year: (year: number) => string;
  /**
   * A year's report list past its first page (`/years/<year>/<n>/`): what the page shows
   * (`buildYearView`: its reports' list items, the year's counts, the pager, the other years). The
   * first page also shows the year's overview, over every report of the year: it takes `year`.
   * Before, every page of the year took `year`, so an edit re-rendered all of them (12 at 20,000
   * reports) where one at most lists the report.
   */
  readonly yearPage: (year: number, page: number) => string;
  /** A file over the reports of one year only (`/data/<year>/cells.csv`): unlike `year`, not the other years on file. */
  readonly yearReports: (year: number) => string;
  /** A file over every report. */
  readonly site: () => string;
}

/** Appends a value to the list under a key, creating the list on first use. */
function pushTo<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Hashes strings into a short hex key. */
function hashParts(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex').slice(0, 32);
}

const memo = new WeakMap<KeyedContent, PageKeys>();

/** Returns the page keys of a build's content, computing each report's hash once. */
export function getPageKeys(content: KeyedContent): PageKeys {
  const known = memo.get(content);
  if (known) return known;
  const { jurisdictions, reports } = content;
  const jurisdictionsKey = hashParts(jurisdictions.all.map((j) => JSON.stringify(j)));
  const own = new Map<string, string>();
  const byId = new Map(reports.map((r) => [r.meta.id, r]));
  const series = new Map<string, string[]>();
  for (const r of reports) pushTo(series, seriesOf(r.meta.id), r.meta.id);
  /** The hash of one report's own content (tables, text, checks), computed once. */
  const ownKey = (r: CheckedReport): string => {
    let key = own.get(r.meta.id);
    if (key === undefined) {
      // The cells' places in source.txt apart, as entries: JSON.stringify writes a Map as {} (a replacer
      // that converts it visits every value and doubles the time). The form is left out: it is the same
      // object for every report on it, and its id (in meta) stands for it.
      const { form: _form, ...content } = r;
      key = hashParts([JSON.stringify(content), JSON.stringify([...r.sourceLines])]);
      own.set(r.meta.id, key);
    }
    return key;
  };
  const reportKeys = new Map<string, string>();
  const byYear = new Map<number, string[]>();
  for (const r of reports) pushTo(byYear, r.meta.year, r.meta.id);
  const years = [...byYear.keys()].sort((a, b) => a - b).join(',');
  const keysOf = (ids: readonly string[]): string[] => ids.map((id) => `${id}=${ownKey(byId.get(id)!)}`);
  let siteKey: string | undefined;
  // A group's key (a year's, a place's page) is asked for by each of its paths: each is computed once.
  const groupKeys = new Map<string, string>();
  const once = (name: string, compute: () => string): string => {
    let key = groupKeys.get(name);
    if (key === undefined) groupKeys.set(name, (key = compute()));
    return key;
  };
  const keys: PageKeys = {
    report(id) {
      const cached = reportKeys.get(id);
      if (cached) return cached;
      const r = byId.get(id);
      if (!r) throw new Error(`no report ${id} to key`);
      const key = hashParts(['report', jurisdictionsKey, ownKey(r), ...(series.get(seriesOf(id)) ?? [])]);
      reportKeys.set(id, key);
      return key;
    },
    searchPlace: (code) => once(`search-place\u0000${code}`, () => hashParts(['search-place', jurisdictionsKey, code, JSON.stringify(buildSearchPlaceReports(reports, code))])),
    jurisdictionPage: (code) =>
      once(`jurisdiction-page\u0000${code}`, () => {
        const j = jurisdictions.byCode.get(code);
        if (!j) throw new Error(`no jurisdiction ${code} to key`);
        // The view lists the reports and departments it shows; the charts draw the government's reports in full.
        const view = buildJurisdictionView(j, reports, jurisdictions);
        const figures = buildPlaceKeyFigures(code, reports, jurisdictions);
        return hashParts(['jurisdiction-page', keys.publisher(code), JSON.stringify(view), JSON.stringify(figures)]);
      }),
    publisher: (key) => once(`publisher\u0000${key}`, () => hashParts(['publisher', jurisdictionsKey, key, ...keysOf(series.get(key) ?? [])])),
    publisherPage: (key) =>
      once(`publisher-page\u0000${key}`, () => {
        // What the page shows, by the function it renders it with: its reports (and its charts:
        // `publisher`), its latest report's key figures with the peers' median and its rank among
        // them, and its kind's comparison links. Before, it hashed every peer's report (kind, level,
        // latest year), so an edit of one re-rendered every department of the group (at 20,000
        // reports, 200 edits re-rendered 1,427 of 2,723 department pages), where a peer's edit
        // changes a page only when it moves the median or the rank it shows.
        const index = indexPublishers(reports, jurisdictions);
        const department = index.byKey.get(key);
        const view = department ? JSON.stringify(buildPublisherView(department, index, jurisdictions)) : '';
        return hashParts(['publisher-page', keys.publisher(key), view]);
      }),
    departmentCompare: (slug, year, metricId) =>
      once(`department-compare\u0000${slug}\u0000${year}\u0000${metricId}`, () => {
        // What its charts draw (its kind's figures on this metric that year), by the function that draws them.
        const index = indexPublishers(reports, jurisdictions);
        const rankings = deriveDepartmentRankingData(listDepartmentCompareReports({ agencySlug: slug, year }, index), metricId, year, slug, jurisdictions);
        return hashParts(['department-compare', jurisdictionsKey, slug, String(year), metricId, index.comparedYears(slug).join(','), JSON.stringify(rankings)]);
      }),
    compare: (year, metricId) =>
      once(`compare\u0000${year}\u0000${metricId}`, () => {
        // What its charts draw (the governments' figures on this metric that year), by the function that draws them.
        const rankings = deriveRankingData(reports, metricId, year, jurisdictions);
        const departments = listDepartmentCompareLinks(indexPublishers(reports, jurisdictions), year, metricId);
        return hashParts(['compare', jurisdictionsKey, years, String(year), metricId, JSON.stringify(departments), JSON.stringify(rankings)]);
      }),
    year: (year) => once(`year\u0000${year}`, () => hashParts(['year', jurisdictionsKey, years, String(year), ...keysOf(byYear.get(year) ?? [])])),
    yearPage: (year, page) => once(`year-page\u0000${year}\u0000${page}`, () => hashParts(['year-page', jurisdictionsKey, JSON.stringify(buildYearView(reports, jurisdictions, year, page))])),
    yearReports: (year) => once(`year-reports\u0000${year}`, () => hashParts(['year-reports', jurisdictionsKey, String(year), ...keysOf(byYear.get(year) ?? [])])),
    site: () => (siteKey ??= hashParts(['site', jurisdictionsKey, ...keysOf(reports.map((r) => r.meta.id))])),
  };
  memo.set(content, keys);
  return keys;
}
