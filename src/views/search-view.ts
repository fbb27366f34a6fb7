/**
 * The name index of the search page: every jurisdiction with how many reports it has. Full-text
 * ranking is poor for place names (a county's name appears in its prefecture's and province's pages
 * too), so the search page matches the query against these names first and puts the named
 * jurisdiction's pages on top.
 *
 * The page embeds the jurisdictions only (their number is fixed, so the page stays small at any
 * number of reports); the reports of a named jurisdiction are fetched from its own small list
 * (`/search/places/<code>.json`, see searchPlaceReportsPath) when a query names it.
 */
import { LEVEL_LABELS, type JurisdictionIndex, type Level } from '../jurisdictions/jurisdictions.ts';
import { METRICS } from '../metrics/metric-specs.ts';
import type { CheckedReport } from '../reports/types.ts';

/** One report of a jurisdiction, as the search page lists it. */
export interface SearchNameReport {
  readonly id: string;
  readonly year: number;
  readonly title: string;
  /** Ids of failing rules, empty when every check passes. */
  readonly failing: readonly string[];
}

/** One jurisdiction in the name index. */
export interface SearchName {
  readonly code: string;
  readonly name: string;
  readonly level: Level;
  /** 省级, 地市级 or 县级 (the client script does not import the jurisdiction module). */
  readonly levelLabel: string;
  /** How many reports the jurisdiction has (its own list is fetched only when there are some). */
  readonly reports: number;
}

const byPlaceMemo = new WeakMap<readonly CheckedReport[], Map<string, SearchNameReport[]>>();

/** Groups the reports by jurisdiction once per report list, each jurisdiction's newest first. */
function groupByPlace(reports: readonly CheckedReport[]): Map<string, SearchNameReport[]> {
  const known = byPlaceMemo.get(reports);
  if (known) return known;
  const groups = new Map<string, SearchNameReport[]>();
  const sorted = [...reports].sort((a, b) => b.meta.year - a.meta.year || (a.meta.id < b.meta.id ? -1 : 1));
  for (const r of sorted) {
    const item = { id: r.meta.id, year: r.meta.year, title: r.meta.title, failing: r.outcomes.filter((o) => o.status === 'fail').map((o) => o.rule) };
    const list = groups.get(r.meta.jurisdiction);
    if (list) list.push(item);
    else groups.set(r.meta.jurisdiction, [item]);
  }
  byPlaceMemo.set(reports, groups);
  return groups;
}

/** Builds the name index: jurisdictions in list order, each with its report count. */
export function buildSearchNames(index: JurisdictionIndex, reports: readonly CheckedReport[]): SearchName[] {
  const groups = groupByPlace(reports);
  return index.all.map((j) => ({ code: j.code, name: j.name, level: j.level, levelLabel: LEVEL_LABELS[j.level], reports: groups.get(j.code)?.length ?? 0 }));
}

/** Builds one jurisdiction's report list for the search page, newest year first (empty when it has none). */
export function buildSearchPlaceReports(reports: readonly CheckedReport[], code: string): SearchNameReport[] {
  return groupByPlace(reports).get(code) ?? [];
}

/** One metric in the search page's name index: a query naming it finds its comparison and its definition. */
export interface SearchMetric {
  readonly id: string;
  readonly name: string;
  /** The years with a comparison page, newest first. */
  readonly years: readonly number[];
}

/** The declared metrics with the years that have a comparison of them (every year with a report). */
export function buildSearchMetrics(reports: readonly CheckedReport[]): SearchMetric[] {
  const years = [...new Set(reports.map((r) => r.meta.year))].sort((a, b) => b - a);
  return METRICS.map((m) => ({ id: m.id, name: m.name, years }));
}

/** Serialises an index for a `<script type="application/json">` element (no `<` left to close the element early). */
export function renderSearchNamesJson(names: readonly SearchName[] | readonly SearchMetric[]): string {
  return JSON.stringify(names).replace(/</g, '\\u003c');
}
