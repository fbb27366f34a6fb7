/**
 * The reports of a build grouped by publisher, once per report list: each publisher's series (its
 * reports oldest first), the departments of each jurisdiction, and the departments of one kind by
 * year and level (a department's peers). Pages look publishers up here instead of filtering every
 * report, so a page's work follows what it shows, not the size of the corpus.
 * Assumes one report per publisher and year (report ids are unique and carry both).
 */
import type { JurisdictionIndex, Level } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { compareAgencySlugs } from './agencies.ts';
import { describePublisher, parseReportId, type Publisher } from './publisher.ts';

/** One publisher with its reports. */
export interface PublisherSeries {
  readonly publisher: Publisher;
  /** Its reports, oldest first. */
  readonly reports: readonly CheckedReport[];
}

/** The reports of a build by publisher. */
export interface PublisherIndex {
  /** Every publisher (governments and departments) by key: `230881`, `230100-jiaoyu`. */
  readonly byKey: ReadonlyMap<string, PublisherSeries>;
  /** Every department publisher, by jurisdiction code then department kind in declared order. */
  readonly departments: readonly PublisherSeries[];
  /** The departments of each jurisdiction, in declared department order. */
  readonly departmentsOf: (code: string) => readonly PublisherSeries[];
  /** The department reports of one kind, year and level (a department's peers), by id. */
  readonly departmentReports: (agencySlug: string, year: number, level: Level) => readonly CheckedReport[];
  /** The years a department kind has reports, ascending. */
  readonly agencyYears: (agencySlug: string) => readonly number[];
  /**
   * The years a department kind is compared in, ascending: those with at least
   * MIN_COMPARED_REPORTS of its reports (every level together). With one there is nothing to
   * compare, so that year has no comparison page and nothing links to one.
   */
  readonly comparedYears: (agencySlug: string) => readonly number[];
}

/** The fewest reports of a department kind in a year that make a comparison of that kind and year. */
export const MIN_COMPARED_REPORTS = 2;

/** Orders department publishers by declared department kind. */
function compareAgencies(a: PublisherSeries, b: PublisherSeries): number {
  return compareAgencySlugs(a.publisher.agencySlug ?? '', b.publisher.agencySlug ?? '');
}

const memo = new WeakMap<readonly CheckedReport[], PublisherIndex>();

/** Groups reports by publisher (once per report list; reports of a jurisdiction missing from the list are left out). */
export function indexPublishers(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): PublisherIndex {
  const known = memo.get(reports);
  if (known) return known;
  const grouped = new Map<string, CheckedReport[]>();
  for (const r of reports) {
    const key = parseReportId(r.meta.id)?.publisher;
    if (key === undefined || !jurisdictions.byCode.has(r.meta.jurisdiction)) continue;
    const list = grouped.get(key);
    if (list) list.push(r);
    else grouped.set(key, [r]);
  }
  const byKey = new Map<string, PublisherSeries>();
  const byPlace = new Map<string, PublisherSeries[]>();
  const peers = new Map<string, CheckedReport[]>();
  const years = new Map<string, Set<number>>();
  /** Reports of a kind by year (every level), for comparedYears. */
  const kindYearCounts = new Map<string, number>();
  for (const [key, list] of grouped) {
    const sorted = list.sort((a, b) => a.meta.year - b.meta.year);
    const latest = sorted.at(-1) as CheckedReport;
    const jurisdiction = jurisdictions.byCode.get(latest.meta.jurisdiction)!;
    const series: PublisherSeries = { publisher: describePublisher(latest.meta.id, jurisdiction, latest.meta.publisher), reports: sorted };
    byKey.set(key, series);
    const slug = series.publisher.agencySlug;
    if (slug === null) continue;
    const place = byPlace.get(jurisdiction.code);
    if (place) place.push(series);
    else byPlace.set(jurisdiction.code, [series]);
    for (const r of sorted) {
      const group = `${slug}|${r.meta.year}|${jurisdiction.level}`;
      const members = peers.get(group);
      if (members) members.push(r);
      else peers.set(group, [r]);
      kindYearCounts.set(`${slug}|${r.meta.year}`, (kindYearCounts.get(`${slug}|${r.meta.year}`) ?? 0) + 1);
      const set = years.get(slug) ?? new Set<number>();
      set.add(r.meta.year);
      years.set(slug, set);
    }
  }
  for (const list of byPlace.values()) list.sort(compareAgencies);
  for (const list of peers.values()) list.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const departments = jurisdictions.all.flatMap((j) => byPlace.get(j.code) ?? []);
  const index: PublisherIndex = {
    byKey,
    departments,
    departmentsOf: (code) => byPlace.get(code) ?? [],
    departmentReports: (slug, year, level) => peers.get(`${slug}|${year}|${level}`) ?? [],
    agencyYears: (slug) => [...(years.get(slug) ?? [])].sort((a, b) => a - b),
    comparedYears: (slug) => index.agencyYears(slug).filter((year) => (kindYearCounts.get(`${slug}|${year}`) ?? 0) >= MIN_COMPARED_REPORTS),
  };
  memo.set(reports, index);
  return index;
}
