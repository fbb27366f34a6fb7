/**
 * A comparison of one metric across the departments of one kind (教育局, 公安局 …) for one year: the
 * ranking chart (ranking.ts: its option, description, table and numbers) over the departments' own
 * reports, one per level, each department named as its publisher (哈尔滨市教育局).
 */
import { LEVEL_LABELS, LEVELS, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { findAgency, nameAgency } from '../publishers/agencies.ts';
import { describePublisher } from '../publishers/publisher.ts';
import type { CheckedReport } from '../reports/types.ts';
import type { ChartEntry } from './chart-entry.ts';
import { buildRankingChart, composeRankingData, deriveRankingItems, groupByLevel, type RankingChartData, type RankingName } from './ranking.ts';
import { findMetricOrThrow } from './read-report.ts';

/** The note every comparison of departments carries. */
export const DEPARTMENT_SCOPE_NOTE = '各部门的数字只含本部门，与其所属政府的数字分开；省、市、县的部门分开比较，不同层级不可相加。';

/**
 * Derives one ranking per level for a metric and a year across the departments of one kind (agency
 * slug), from their own reports (`reports`: that kind's reports of that year, any level). Each is
 * named as its publisher (哈尔滨市教育局); levels without a report are omitted.
 */
export function deriveDepartmentRankingData(reports: readonly CheckedReport[], metricId: string, year: number, agencySlug: string, jurisdictions: JurisdictionIndex): RankingChartData[] {
  const metric = findMetricOrThrow(metricId);
  const agency = findAgency(agencySlug);
  const byLevel = groupByLevel(reports, year, agencySlug, jurisdictions);
  const name = (r: CheckedReport): RankingName => {
    const j = jurisdictions.byCode.get(r.meta.jurisdiction)!;
    const p = describePublisher(r.meta.id, j, r.meta.publisher);
    return { key: p.key, name: p.name };
  };
  return LEVELS
    .filter((l) => byLevel.has(l))
    .map((level) => {
      const label = `${LEVEL_LABELS[level]}${agency ? nameAgency(agency, level) : `同类部门（${agencySlug}）`}`;
      const data = composeRankingData(metric, year, { key: `ranking-${level}`, label, itemLabel: '部门' }, deriveRankingItems(byLevel.get(level) ?? [], metric, name));
      return { ...data, scopeNote: DEPARTMENT_SCOPE_NOTE };
    });
}

/**
 * The keys of the charts deriveDepartmentRankingData draws (one per level with a report, province
 * first), without deriving them: listing the embeds of every comparison needs only these, and
 * deriving every ranking's items and charts for it cost a pass over each kind's reports per metric.
 */
export function listDepartmentRankingKeys(reports: readonly CheckedReport[], year: number, agencySlug: string, jurisdictions: JurisdictionIndex): string[] {
  const byLevel = groupByLevel(reports, year, agencySlug, jurisdictions);
  return LEVELS.filter((l) => byLevel.has(l)).map((level) => `ranking-${level}`);
}

/** The charts of a department comparison (one metric, one year, one kind of department): one ranking per level, province first. */
export function listDepartmentRankingCharts(reports: readonly CheckedReport[], metricId: string, year: number, agencySlug: string, jurisdictions: JurisdictionIndex): ChartEntry[] {
  return deriveDepartmentRankingData(reports, metricId, year, agencySlug, jurisdictions).map(buildRankingChart);
}
