/** View models of the home page and the jurisdiction pages. */
import { LEVEL_LABELS, listAncestors, listChildren, type Jurisdiction, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { listJurisdictionReports, listSeriesReports } from '../reports/report-groups.ts';
import type { CheckedReport } from '../reports/types.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { buildDepartmentList, type DepartmentList } from './department-list.ts';
import { TREND_METRIC_IDS } from './compare-view.ts';
import { buildKeyFigures, selectPeerGroup, tabulateKeyFigures, type KeyFigureTable } from './key-figures.ts';
import type { Link } from './report-view.ts';
import { jurisdictionPath, reportPath, yearPath } from '../site/paths.ts';

/** One report in a list. */
export interface ReportListItem {
  readonly href: string;
  readonly title: string;
  readonly jurisdiction: string;
  readonly level: string;
  readonly year: number;
  readonly form: string;
  /** 通过 or the failing rule ids. */
  readonly quality: string;
  readonly failing: boolean;
}

/** Lists reports for a table, newest year first, then by jurisdiction code. */
export function buildReportList(reports: readonly CheckedReport[], index: JurisdictionIndex): ReportListItem[] {
  return [...reports]
    .sort((a, b) => b.meta.year - a.meta.year || (a.meta.id < b.meta.id ? -1 : 1))
    .map((r) => {
      const j = index.byCode.get(r.meta.jurisdiction);
      const failing = r.outcomes.filter((o) => o.status === 'fail').map((o) => o.rule);
      return {
        href: reportPath(r.meta.id),
        title: r.meta.title,
        jurisdiction: j?.name ?? r.meta.jurisdiction,
        level: j ? LEVEL_LABELS[j.level] : '',
        year: r.meta.year,
        form: r.meta.form,
        quality: failing.length ? `未通过 ${failing.join('、')}` : '通过',
        failing: failing.length > 0,
      };
    });
}

/** One year on the home page: its reports, how many fail a check, and the page listing them. */
export interface YearSummary extends Link {
  readonly year: number;
  readonly reports: number;
  readonly failing: number;
}

/** How many of the newest reports the home page lists itself; the rest are on the year pages. */
export const HOME_LATEST = 30;

/** The years on file, newest first, each with its report and failing counts. */
export function summariseYears(items: readonly ReportListItem[]): YearSummary[] {
  const years = new Map<number, { reports: number; failing: number }>();
  for (const i of items) {
    const y = years.get(i.year) ?? { reports: 0, failing: 0 };
    y.reports += 1;
    if (i.failing) y.failing += 1;
    years.set(i.year, y);
  }
  return [...years].sort(([a], [b]) => b - a).map(([year, y]) => ({ year, ...y, href: yearPath(year), text: `${year} 年` }));
}

/** A child jurisdiction with how many reports it has. */
export interface ChildItem extends Link {
  readonly reports: number;
}

/** Everything a jurisdiction page shows. */
export interface JurisdictionView {
  readonly code: string;
  readonly name: string;
  readonly levelLabel: string;
  readonly breadcrumbs: readonly Link[];
  /** The government's own reports (its departments' are on their own pages, listed in `departments`). */
  readonly reports: readonly ReportListItem[];
  /** 同江市人民政府 */
  readonly government: string;
  /** The departments with reports, each once with its latest figures. */
  readonly departments: DepartmentList;
  /** Says that the department figures are each department's own and never added to the government's. */
  readonly departmentsNote: string;
  readonly children: readonly ChildItem[];
  readonly childrenHeading: string;
  readonly description: string;
}

const reportCounts = new WeakMap<readonly CheckedReport[], Map<string, number>>();

/** Counts reports per jurisdiction code (once per list: every jurisdiction's page reads the counts). */
function countReports(reports: readonly CheckedReport[]): Map<string, number> {
  const known = reportCounts.get(reports);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.meta.jurisdiction, (counts.get(r.meta.jurisdiction) ?? 0) + 1);
  reportCounts.set(reports, counts);
  return counts;
}

/** Builds the page of one jurisdiction. */
export function buildJurisdictionView(j: Jurisdiction, reports: readonly CheckedReport[], index: JurisdictionIndex): JurisdictionView {
  const own = listJurisdictionReports(reports, j.code);
  const counts = countReports(reports);
  const chain = [...listAncestors(index, j.code)].reverse();
  const government = `${j.name}人民政府`;
  return {
    code: j.code,
    name: j.name,
    levelLabel: LEVEL_LABELS[j.level],
    breadcrumbs: [...chain, j].map((x) => ({ href: jurisdictionPath(x.code), text: x.name })),
    reports: buildReportList(listGovernmentSeries(own, j.code).reverse(), index),
    government,
    departments: buildDepartmentList(indexPublishers(reports, index).departmentsOf(j.code)),
    departmentsNote: `每个部门的数字只含该部门本身（口径见表），${government}的报告可能已包含其中一些部门的数字：部门之间、部门与政府之间的数字都不可相加。`,
    children: listChildren(index, j.code).map((c) => ({ href: jurisdictionPath(c.code), text: c.name, reports: counts.get(c.code) ?? 0 })),
    childrenHeading: j.level === 'province' ? '下辖市（地）' : '下辖县（市、区）',
    description: `${j.name}（${j.code}）历年政府信息公开工作年度报告的数据${own.length ? `：已收录 ${own.length} 份报告` : '：暂未收录报告'}。`,
  };
}

/** The tree of all jurisdictions for the index page: the province, each prefecture with its counties. */
export interface JurisdictionTree {
  readonly root: ChildItem;
  readonly prefectures: readonly (ChildItem & { readonly counties: readonly ChildItem[] })[];
}

/** Builds the jurisdiction tree with report counts. */
export function buildJurisdictionTree(index: JurisdictionIndex, reports: readonly CheckedReport[]): JurisdictionTree {
  const counts = countReports(reports);
  const item = (j: Jurisdiction): ChildItem => ({ href: jurisdictionPath(j.code), text: j.name, reports: counts.get(j.code) ?? 0 });
  const root = index.all.find((j) => j.level === 'province');
  if (!root) throw new Error('the jurisdiction list has no province');
  return {
    root: item(root),
    prefectures: listChildren(index, root.code).map((p) => ({ ...item(p), counties: listChildren(index, p.code).map(item) })),
  };
}

/**
 * The key figures of a jurisdiction's page: its government's latest report set against its peers
 * (governments of the same level that year); null when its government has no report.
 */
export function buildPlaceKeyFigures(code: string, reports: readonly CheckedReport[], index: JurisdictionIndex): KeyFigureTable | null {
  const latest = listGovernmentSeries(reports, code).at(-1);
  if (!latest) return null;
  const peers = selectPeerGroup(latest, reports, index, indexPublishers(reports, index));
  return tabulateKeyFigures(buildKeyFigures(latest, TREND_METRIC_IDS, peers), peers, latest.meta.year);
}

/** The reports of a jurisdiction's own government (not its departments), oldest first. */
export function listGovernmentSeries(reports: readonly CheckedReport[], code: string): CheckedReport[] {
  return [...listSeriesReports(reports, code)].sort((a, b) => a.meta.year - b.meta.year);
}

