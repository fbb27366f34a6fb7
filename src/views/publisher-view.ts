/**
 * The page of a department that publishes its own reports (哈尔滨市教育局), in the shape of a place's
 * page: its latest year's key figures against its peers (the same kind of department at the same
 * level that year), its reports by year, its trends from two years on (with one report, never a
 * one-point chart). A department's figures are its own: they are never added to its government's,
 * whose report may already include them, and the page says so.
 */
import { LEVEL_LABELS, listAncestors, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { findMetric, SMALL_BASE } from '../metrics/metric-specs.ts';
import type { PublisherIndex, PublisherSeries } from '../publishers/publisher-index.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import type { CheckedReport, ReportScope } from '../reports/types.ts';
import { TREND_METRIC_IDS } from './compare-view.ts';
import { buildKeyFigures, selectPeerGroup, tabulateKeyFigures, type KeyFigureTable } from './key-figures.ts';
import type { Link } from './report-view.ts';
import { buildReportList, type ReportListItem } from './site-views.ts';
import { departmentComparePath, jurisdictionPath } from '../site/paths.ts';

/** The metrics a department's page shows: as trends, as key figures, and in the department comparisons. */
export const PUBLISHER_METRIC_IDS = TREND_METRIC_IDS;

/** Everything a department's page shows. */
export interface PublisherView {
  readonly key: string;
  readonly name: string;
  /** 地市级部门 · 教育 */
  readonly kindLabel: string;
  readonly breadcrumbs: readonly Link[];
  readonly description: string;
  /** What the numbers cover, in words. */
  readonly scopeText: string;
  /** Leads to the place link: 哈尔滨市人民政府自己的年度报告和哈尔滨市的其他部门见. */
  readonly governmentText: string;
  /** The jurisdiction's page, where the government's own report and the other departments are. */
  readonly place: Link;
  /** Why the department's figures are not added to the government's. */
  readonly apartText: string;
  readonly reports: readonly ReportListItem[];
  /** Years on file: 2019–2025. */
  readonly span: string;
  /** Whether the page shows trend charts (two reports or more). */
  readonly hasTrends: boolean;
  /** Its latest report's key figures against its peers. */
  readonly keyFigures: KeyFigureTable;
  /** 2025 年全省地市级教育局 (the peer group of the key figures and of the comparison links). */
  readonly peersLabel: string;
  /** Where the key figures come from, what they are set against, and the small-base rule. */
  readonly figuresNote: string;
  /** Why there is no trend chart (one report on file); '' from two reports on. */
  readonly trendsNote: string;
  /** The comparisons of its kind of department in its latest year, one per metric; none when it is its kind's only report that year. */
  readonly comparisons: readonly Link[];
}

/** The years of a series as a span: 2019–2025, or 2020. */
export function formatYearSpan(reports: readonly CheckedReport[]): string {
  const first = reports[0]?.meta.year;
  const last = reports.at(-1)?.meta.year;
  return first === undefined || first === last ? `${first ?? ''}` : `${first}–${last}`;
}

/** Says what a department's reports cover (each scope with its years when they differ). */
function describeScopes(series: PublisherSeries, name: string): string {
  const byScope = new Map<ReportScope, number[]>();
  for (const r of series.reports) byScope.set(r.meta.scope, [...(byScope.get(r.meta.scope) ?? []), r.meta.year]);
  if (byScope.size === 1) {
    const [scope] = byScope.keys();
    return `口径：${REPORT_SCOPES[scope as ReportScope]}${scope === 'self' ? `（只含${name}本身）` : ''}`;
  }
  return `口径：${[...byScope].map(([scope, years]) => `${years.join('、')} 年为${REPORT_SCOPES[scope]}`).join('；')}`;
}

/** Builds the page of one department from the build's publisher index. */
export function buildPublisherView(series: PublisherSeries, index: PublisherIndex, jurisdictions: JurisdictionIndex): PublisherView {
  const { publisher, reports } = series;
  const j = publisher.jurisdiction;
  const latest = reports.at(-1);
  if (!latest) throw new Error(`buildPublisherView: ${publisher.key} has no reports`);
  const chain = [...listAncestors(jurisdictions, j.code)].reverse();
  const span = formatYearSpan(reports);
  const government = `${j.name}人民政府`;
  const slug = publisher.agencySlug;
  const peers = slug ? selectPeerGroup(latest, index.departmentReports(slug, latest.meta.year, j.level), jurisdictions, index) : null;
  const peersLabel = peers ? `${latest.meta.year} 年${peers.label}` : '';
  return {
    key: publisher.key,
    name: publisher.name,
    kindLabel: `${LEVEL_LABELS[j.level]}部门${publisher.agency ? ` · ${publisher.agency.short}` : ''}`,
    breadcrumbs: [...chain, j].map((x) => ({ href: jurisdictionPath(x.code), text: x.name })),
    description: `${publisher.name}${span} 年政府信息公开工作年度报告的数据：已收录 ${reports.length} 份报告。`,
    scopeText: `${describeScopes(series, publisher.name)}。`,
    governmentText: `${government}自己的年度报告和${j.name}的其他部门见`,
    place: { href: jurisdictionPath(j.code), text: j.name },
    apartText: '页；政府的报告可能已包含本部门的数字，两者不可相加。',
    reports: buildReportList([...reports], jurisdictions),
    span,
    hasTrends: reports.length > 1,
    keyFigures: tabulateKeyFigures(buildKeyFigures(latest, PUBLISHER_METRIC_IDS, peers), peers, latest.meta.year),
    peersLabel,
    figuresNote: `${publisher.name} ${latest.meta.year} 年度报告中的数字；中位数和名次只计${peersLabel || '同类部门'}中基数足够的比例，基数不足 ${SMALL_BASE} 件的不排名，也不计入中位数。`,
    trendsNote: reports.length > 1 ? '' : `只收录了 ${latest.meta.year} 年一年的报告，历年变化的图表从收录两年起显示。`,
    comparisons: slug && index.comparedYears(slug).includes(latest.meta.year) ? PUBLISHER_METRIC_IDS.map((id) => ({ href: departmentComparePath(latest.meta.year, id, slug), text: findMetric(id)?.name ?? id })) : [],
  };
}
