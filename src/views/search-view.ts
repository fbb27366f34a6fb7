/**
 * The name index of the search page: every jurisdiction with its reports. Full-text ranking is poor
 * for place names (a county's name appears in its prefecture's and province's pages too), so the search
 * page matches the query against these names first and puts the named jurisdiction's pages on top.
 */
import { LEVEL_LABELS, type JurisdictionIndex, type Level } from '../jurisdictions/jurisdictions.ts';
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
  /** Newest year first. */
  readonly reports: readonly SearchNameReport[];
}

/** Builds the name index: jurisdictions in list order, each with its reports newest first. */
export function buildSearchNames(index: JurisdictionIndex, reports: readonly CheckedReport[]): SearchName[] {
  return index.all.map((j) => ({
    code: j.code,
    name: j.name,
    level: j.level,
    levelLabel: LEVEL_LABELS[j.level],
    reports: reports
      .filter((r) => r.meta.jurisdiction === j.code)
      .sort((a, b) => b.meta.year - a.meta.year || (a.meta.id < b.meta.id ? -1 : 1))
      .map((r) => ({ id: r.meta.id, year: r.meta.year, title: r.meta.title, failing: r.outcomes.filter((o) => o.status === 'fail').map((o) => o.rule) })),
  }));
}

/** Serialises the name index for a `<script type="application/json">` element (no `<` left to close the element early). */
export function renderSearchNamesJson(names: readonly SearchName[]): string {
  return JSON.stringify(names).replace(/</g, '\\u003c');
}
